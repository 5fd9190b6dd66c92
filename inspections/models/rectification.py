"""整改: an order to put a station right, opened by a red-line finding or by hand, answered
by the union, closed or escalated by a re-inspection. While an order is open the station is
rectifying (stations' lifecycle: rectify_start / rectify_end)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Station
from unions.models import Union
from unions.scopes import ScopedQuerySet

from .inspection import Inspection


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("order status", "Open")
    ANSWERED = "answered", _("Answered by the union")
    CLOSED = "closed", _("Closed: rectified")
    ESCALATED = "escalated", _("Escalated")


# Orders that keep a station rectifying and that the daily job watches for their deadline.
OPEN_RECTIFICATION_STATUSES = (
    RectificationStatus.OPEN,
    RectificationStatus.ANSWERED,
    RectificationStatus.ESCALATED,
)


class Rectification(models.Model):
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="rectifications"
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20, db_index=True)
    # The check whose red-line finding opened the order; None when opened by hand.
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    deadline = models.DateField(_("deadline"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
        db_index=True,
    )
    answer_note = models.TextField(_("union's answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The re-inspection that closed or escalated the order.
    reinspection = models.ForeignKey(
        Inspection,
        verbose_name=_("re-inspection"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # Set by the daily job the first time it finds the order past its deadline.
    overdue_notified_at = models.DateTimeField(_("overdue notice sent"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")

    def __str__(self) -> str:
        return _("%(station)s, due %(deadline)s") % {
            "station": self.station.name,
            "deadline": self.deadline,
        }

    def get_staff_url(self) -> str:
        from django.urls import reverse

        return reverse("inspections:order_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RECTIFICATION_STATUSES


class RectificationItem(models.Model):
    rectification = models.ForeignKey(
        Rectification,
        verbose_name=_("rectification order"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    text = models.CharField(_("what must be put right"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["rectification", "position", "id"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")

    def __str__(self) -> str:
        return self.text


def rectification_photo_path(instance: RectificationPhoto, filename: str) -> str:
    ext = "png" if instance.content_type == "image/png" else "jpg"
    return f"rectifications/{instance.rectification_id}/{uuid.uuid4().hex}.{ext}"


class RectificationPhoto(models.Model):
    """A photo the union sends with its answer."""

    rectification = models.ForeignKey(
        Rectification,
        verbose_name=_("rectification order"),
        on_delete=models.PROTECT,
        related_name="photos",
    )
    image = models.FileField(_("photo"), upload_to=rectification_photo_path)
    content_type = models.CharField(_("type"), max_length=20)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("checksum"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A JPEG of at most PHOTO_THUMBNAIL_PX beside the original, made once after upload
    # (services/thumbnails.py); pages show it, the original is only downloaded.
    thumbnail = models.FileField(_("thumbnail"), blank=True, max_length=200)

    class Meta:
        ordering = ["rectification", "id"]
        verbose_name = _("rectification photo")
        verbose_name_plural = _("rectification photos")

    def __str__(self) -> str:
        return self.image.name
