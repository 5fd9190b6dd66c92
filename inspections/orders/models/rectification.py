"""整改: an order to put a station right. Only the supervision team opens, closes and decides
(沪工总基〔2018〕35号 四、(四): 有权责令整改): an inspector's red-line check or the aid center
opens it, the union answers it, and an independent re-inspection by an inspector or the aid
center's recorded decision closes it. While an order is open the station is rectifying
(stations' lifecycle: rectify_start / rectify_end)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stations.models import Station
from unions.actions import NEW, Action, table
from unions.models import Union
from unions.roles import AID, SUPERVISION, UNION
from unions.scopes import ScopedQuerySet

from ...checks.models.inspection import Inspection


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("order status", "Open")
    ANSWERED = "answered", _("Answered by the union")
    CLOSED = "closed", _("Closed: rectified")
    ESCALATED = "escalated", _("Escalated")


R = RectificationStatus
# Orders that keep a station rectifying.
OPEN_RECTIFICATION_STATUSES = (R.OPEN, R.ANSWERED, R.ESCALATED)
# Orders whose deadline still runs: the union has yet to put the station right. The daily
# job flags them once past it, and the lists call them overdue; an escalated order is the
# aid center's already.
AWAITING_RECTIFICATION = (R.OPEN, R.ANSWERED)

# The colour of each status's badge, on every page that shows an order.
ORDER_BADGES = {
    R.OPEN: "warning",
    R.ANSWERED: "warning",
    R.CLOSED: "success",
    R.ESCALATED: "danger",
}


def rectification_deadline(today: dt.date | None = None) -> dt.date:
    """The default deadline: RECTIFICATION_DAYS after today (the one place of that rule)."""
    return (today or timezone.localdate()) + dt.timedelta(days=settings.RECTIFICATION_DAYS)


# Every move of an order, written once (the shape of stations' ACTIONS): the services check
# it, the order page draws its buttons from it.
ORDER_ACTIONS = table(
    # By hand, or by an inspector's red-line check (inspections.checks.services.inspection). A
    # union's own self-check or peer review never opens one: its red line is a finding for
    # the union to follow up (五、(三); 附件2 第6条).
    Action(
        "open",
        (NEW,),
        R.OPEN,
        SUPERVISION,
        _("Open a rectification order"),
        button=False,
    ),
    # The union says what it did, with photos; only an open order waits for that.
    Action(
        "answer",
        (R.OPEN,),
        R.ANSWERED,
        UNION,
        _("Answer the order"),
        needs_reason=True,
        reason_label=_("What was put right"),
    ),
    # An independent re-inspection by an inspector found the station put right. An escalated
    # order may still close if a later re-inspection finds the station fixed.
    Action(
        "close",
        (R.OPEN, R.ANSWERED, R.ESCALATED),
        R.CLOSED,
        SUPERVISION,
        _("Close: re-inspection passed"),
        reason_label=_("Note"),
        style="success",
    ),
    # The aid center closes an order without a re-inspection (the host unit proved it put
    # things right on paper, the order was opened in error): its decision and reason are
    # recorded on the order and in its history.
    Action(
        "decide",
        (R.OPEN, R.ANSWERED, R.ESCALATED),
        R.CLOSED,
        AID,
        _("Close by the aid center's decision"),
        needs_reason=True,
        reason_label=_("The aid center's decision and its reason"),
        confirm=_("Close this order without a re-inspection, on the aid center's decision?"),
        style="secondary",
    ),
    # The re-inspection failed or the deadline passed: the aid center decides what next
    # (the station page's revoke action).
    Action(
        "escalate",
        (R.OPEN, R.ANSWERED),
        R.ESCALATED,
        SUPERVISION,
        _("Escalate to the aid center"),
        needs_reason=True,
        reason_label=_("Why the order is escalated"),
        style="danger",
        confirm=_("Escalate this order? The aid center may revoke the station."),
    ),
    # The daily job, once per order past its deadline: the union is told.
    Action(
        "flag_overdue",
        AWAITING_RECTIFICATION,
        None,
        frozenset(),
        _("Flag as overdue"),
        button=False,
        system=True,
    ),
)
# The re-inspection a move names: required to close, optional to escalate (a deadline
# passed is reason enough).
REINSPECTION_REQUIRED = {"close": True, "escalate": False}
del R


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
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The aid center's recorded decision, when it closed the order without a re-inspection.
    decision = models.TextField(_("aid center's decision"), blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # Set by the daily job the first time it finds the order past its deadline.
    overdue_notified_at = models.DateTimeField(_("overdue notice sent"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    # Read by the {% badge %} tag (unions/templatetags/records.py).
    status_badges = ORDER_BADGES

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        indexes = [
            # The order list's "opened from, opened to" (unions/dates.py).
            models.Index(fields=["opened_at", "id"], name="rectification_opened_id"),
            # Its order, read by key: deadline, then id; the opening time carried in the
            # index (a key column: SQLite keeps no other kind), so a quarter's orders are
            # picked out of it without reading each row (the planner walks this order and
            # tests every order opened outside the quarter: 12,767 rows read at national
            # size for a page of 50).
            models.Index(
                fields=["deadline", "id", "opened_at"], name="rectification_deadline_opened"
            ),
        ]

    def __str__(self) -> str:
        return _("%(station)s, due %(deadline)s") % {
            "station": self.station.name,
            "deadline": self.deadline,
        }

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("inspections:order_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RECTIFICATION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.status in AWAITING_RECTIFICATION and self.deadline < timezone.localdate()


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
    # (checks/services/thumbnails.py); pages show it, the original is only downloaded.
    thumbnail = models.FileField(_("thumbnail"), blank=True, max_length=200)

    class Meta:
        ordering = ["rectification", "id"]
        verbose_name = _("rectification photo")
        verbose_name_plural = _("rectification photos")

    def __str__(self) -> str:
        return self.image.name
