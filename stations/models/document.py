"""Generated documents: the PDFs of 附件1–3, plaque artwork, batch zips and reports.

A document is a pure function of a snapshot (``payload``) taken from its record when it is
requested. ``version`` is the hash of that snapshot and of the templates that render it, so
one record in one state is one row and one file: asking again, or a task delivered twice,
finds the row and does no new work, while an edited record gets a new version.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unions.models import Role, Union
from unions.roles import role_of

from .filing import FilingForm
from .records import Agreement
from .station import Station


def document_file_path(instance: GeneratedDocument, filename: str) -> str:
    # Media is never served directly: downloads go through a scoped view.
    return f"private/documents/{instance.union_id or 'city'}/{instance.kind}/{filename}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> DocumentQuerySet:
        """A document is visible to whoever may see the record it was made from."""
        role = role_of(user)
        if role == Role.UNION_STAFF:
            return self.filter(union_id=user.profile.union_id)
        if role in (Role.AID_CENTER, Role.ADMIN):
            return self.all()
        if role == Role.INSPECTOR:
            # Inspectors see what their record scopes show them (no drafts, their district).
            return self.filter(
                Q(station__in=Station.objects.visible_to(user))
                | Q(filing__in=FilingForm.objects.visible_to(user))
                | Q(agreement__in=Agreement.objects.visible_to(user))
                | Q(kind=GeneratedDocument.Kind.REPORT)
            )
        return self.none()


class GeneratedDocument(models.Model):
    class Kind(models.TextChoices):
        FILING_FORM = "filing_form", _("Filing form (Annex 1)")
        AGREEMENT = "agreement", _("Co-building agreement (Annex 2)")
        PLEDGE = "pledge", _("Service pledge (Annex 3)")
        PLAQUE = "plaque", _("Plaque artwork")
        BATCH_ZIP = "batch_zip", _("All pledges and plaques (zip)")
        REPORT = "report", _("Report")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Denormalised from the record so that scoping is a single indexed filter; empty for
    # city-wide reports.
    union = models.ForeignKey(
        Union,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    filing = models.ForeignKey(
        FilingForm,
        verbose_name=_("filing form"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    # "station:12", "filing:3", "report:quarterly-2024-q1": unique together with kind and
    # version. A text key rather than the nullable foreign keys, because NULLs never
    # collide in a unique constraint.
    record_key = models.CharField(_("record"), max_length=120)
    title = models.CharField(_("title"), max_length=200, blank=True)
    version = models.CharField(_("version"), max_length=64)
    payload = models.JSONField(_("snapshot"), default=dict)

    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.QUEUED, db_index=True
    )
    file = models.FileField(_("file"), upload_to=document_file_path, blank=True, max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Which task run holds the render (a redelivered message keeps its id) and where it
    # runs, so that a redelivery after a crash takes over and a live duplicate stands back.
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    worker = models.CharField(_("worker"), max_length=120, blank=True)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_key", "version"], name="document_one_per_version"
            )
        ]
        indexes = [models.Index(fields=["record_key", "kind"], name="document_record_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.record_key} {self.version[:8]}"

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)

    @property
    def content_type(self) -> str:
        return "application/zip" if self.kind == self.Kind.BATCH_ZIP else "application/pdf"

    @property
    def extension(self) -> str:
        return "zip" if self.kind == self.Kind.BATCH_ZIP else "pdf"

    @property
    def download_name(self) -> str:
        """pledge-SH00001.pdf, agreement-7.pdf: ASCII, so that every browser keeps it."""
        if self.kind in (self.Kind.PLEDGE, self.Kind.PLAQUE) and self.title.isascii():
            stem = self.title
        else:
            stem = self.record_key.split(":", 1)[-1]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or str(self.pk)
        return f"{self.kind.replace('_', '-')}-{stem}.{self.extension}"
