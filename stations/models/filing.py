from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union
from unions.scopes import ScopedQuerySet


def filing_scan_path(instance: FilingForm, filename: str) -> str:
    # Media is never served directly: downloads go through a scoped view.
    return f"private/filings/{instance.union_id}/{instance.pk or 'new'}/{filename}"


class FilingForm(models.Model):
    """备案表 (附件1): one recommending union's list of proposed stations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        EXCEL = "excel", _("Excel import")

    union = models.ForeignKey(
        Union,
        verbose_name=_("recommending union"),
        on_delete=models.PROTECT,
        related_name="filings",
    )
    unit_name = models.CharField(_("recommending unit"), max_length=100)
    head_name = models.CharField(_("head's name"), max_length=50)
    head_email = models.EmailField(_("head's e-mail"))
    head_phone = models.CharField(_("head's phone"), max_length=30)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.ONLINE
    )
    signed_scan = models.FileField(
        _("signed and stamped scan"), upload_to=filing_scan_path, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # 附件1's note 1: the form is made 一式三份, the union keeps one and sends two to the aid
    # center. The aid center records when its paper copies arrive.
    paper_received_on = models.DateField(_("paper copies received on"), null=True, blank=True)
    paper_copies = models.PositiveSmallIntegerField(_("paper copies received"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="filing_newest_first"),
            # The aid center's home (config/dashboards.py): submitted filings whose paper
            # copies have not come, newest first, counted and listed from this index (a
            # scan of every filing at national size).
            models.Index(
                fields=["-created_at", "-id"],
                name="filing_paper_awaited",
                condition=models.Q(status="submitted", paper_received_on__isnull=True),
            ),
        ]
        verbose_name = _("filing form")
        verbose_name_plural = _("filing forms")

    def __str__(self) -> str:
        return f"{self.unit_name} #{self.pk}"

    # Of the three signed paper copies, the aid center receives two.
    PAPER_COPIES_FOR_AID_CENTER = 2

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("stations:filing_detail", self.pk)
