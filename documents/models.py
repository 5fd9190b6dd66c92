"""GeneratedDocument: one kind of document for one record in one state, and its file.

A document is a pure function of a snapshot (``payload``) taken from its record when it is
requested. ``version`` is the hash of that snapshot and of the templates that render it, so
one record in one state is one row and one file: asking again, or a task delivered twice,
finds the row and does no new work, while an edited record gets a new version.

The row names its record by a text key ("station:12") rather than by foreign keys, so that
this app knows no model above ``unions``; what scoping needs (the union, the district) is
copied onto the row when it is asked for.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union
from unions.scopes import ScopedQuerySet

from . import kinds


def document_file_path(instance: GeneratedDocument, filename: str) -> str:
    # Media is never served directly: downloads go through a scoped view.
    return f"private/documents/{instance.union_id or 'city'}/{instance.kind}/{filename}"


class GeneratedDocument(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        # Its record no longer stands behind it (a withdrawn award's certificate): the row
        # stays as a record that it was made, nobody downloads or lists it again.
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # The codes the installed apps registered (documents.kinds).
    kind = models.CharField(_("kind"), max_length=16, choices=kinds.choices)
    # Copied from the record so that scoping is a plain indexed filter (unions.scopes):
    # empty for city-wide documents.
    union = models.ForeignKey(
        Union,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A station's district, for the station's own documents: district inspectors are held
    # to it. A pledge or plaque exists only once the station is approved, after which its
    # district no longer changes, so the copy made at request time stays true.
    district = models.CharField(_("district"), max_length=20, blank=True)
    # "station:12", "filing:3", "report:quarterly-2024-q1": unique together with kind and
    # version (a text key rather than nullable foreign keys: NULLs never collide in a unique
    # constraint, and the documents app knows no model of the apps above it).
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
    # How far a long job has come (rows written of rows to write), for the page that waits
    # for it; kinds that report progress set them (DocumentKind.progress), others leave 0.
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("to do"), default=0)
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

    # Who sees which rows is written once, in unions/scopes.py.
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_key", "version"], name="documents_one_per_version"
            )
        ]
        indexes = [
            models.Index(fields=["record_key", "kind"], name="documents_record_kind"),
            # /metrics counts the documents waiting at every scrape (config/metrics.py): a
            # few rows of a table of hundreds of thousands, read from this index alone.
            models.Index(
                fields=["kind", "state"],
                name="documents_waiting",
                condition=models.Q(state__in=["queued", "rendering"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.record_key} {self.version[:8]}"

    @property
    def kind_spec(self) -> kinds.DocumentKind:
        return kinds.get(self.kind)

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)

    @property
    def is_rendering(self) -> bool:
        return self.state == self.State.RENDERING

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def content_type(self) -> str:
        return self.kind_spec.content_type

    @property
    def extension(self) -> str:
        return self.kind_spec.extension

    @property
    def download_name(self) -> str:
        """pledge-SH00001.pdf, agreement-7.pdf: ASCII, so that every browser keeps it."""
        if self.kind_spec.title_names_file and self.title.isascii():
            stem = self.title
        else:
            stem = self.record_key.split(":", 1)[-1]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or str(self.pk)
        return f"{self.kind.replace('_', '-')}-{stem}.{self.extension}"
