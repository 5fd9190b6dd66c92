"""季度考核: one computed, reviewed and (once the aid center says so) published set of
quarterly scores. A correction after publication is a new version with a note; the old one
is kept as superseded, never changed (DESIGN: results public only once published)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.models import Union
from unions.scopes import ScopedQuerySet


class AssessmentStatus(models.TextChoices):
    RUNNING = "running", _("Computing")
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")
    FAILED = "failed", _("Failed")


class QuarterlyAssessmentQuerySet(models.QuerySet):
    def published(self) -> QuarterlyAssessmentQuerySet:
        """What the public may read: the published version of each quarter."""
        return self.filter(status=AssessmentStatus.PUBLISHED)


class QuarterlyAssessment(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.RUNNING,
        db_index=True,
    )
    # The weights and thresholds the scores were computed with (settings at the time).
    parameters = models.JSONField(_("parameters"), default=dict)
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Required on every version after the first: what the correction changed and why.
    correction_note = models.TextField(_("correction note"), blank=True)

    objects = QuarterlyAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "-version"]
        verbose_name = _("quarterly assessment")
        verbose_name_plural = _("quarterly assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "version"], name="assessment_version_unique"
            ),
            models.UniqueConstraint(
                fields=["year", "quarter"],
                condition=models.Q(status="published"),
                name="assessment_one_published_per_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} v{self.version}"


class StationQuarterScore(models.Model):
    assessment = models.ForeignKey(
        QuarterlyAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="station_scores",
    )
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    audience = models.CharField(_("audience"), max_length=16)
    independent_checks = models.PositiveIntegerField(_("independent checks"), default=0)
    self_checks = models.PositiveIntegerField(_("self-checks"), default=0)
    inspection_score = models.DecimalField(
        _("inspection score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    feedback_count = models.PositiveIntegerField(_("feedback received"), default=0)
    # None when the station had too little feedback for it to count.
    satisfaction = models.DecimalField(
        _("worker satisfaction"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rectifications = models.PositiveIntegerField(_("rectification orders"), default=0)
    rectifications_late = models.PositiveIntegerField(_("rectified late or not"), default=0)
    timeliness = models.DecimalField(_("rectification timeliness"), max_digits=5, decimal_places=2)
    under_appeal = models.BooleanField(_("a check under appeal"), default=False)
    score = models.DecimalField(
        _("quarterly score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "rank", "station_id"]
        verbose_name = _("station quarterly score")
        verbose_name_plural = _("station quarterly scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "station"], name="station_score_once_per_assessment"
            )
        ]
        indexes = [
            # The rankings list, in its own order (rank, then station): a page is read
            # straight off the index, whole-city or one district.
            models.Index(fields=["assessment", "rank", "station"], name="station_score_rank"),
            models.Index(
                fields=["assessment", "district", "rank", "station"],
                name="station_score_district_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.station_id} {self.score}"


class UnionQuarterScore(models.Model):
    assessment = models.ForeignKey(
        QuarterlyAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="union_scores",
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    stations = models.PositiveIntegerField(_("operating stations"), default=0)
    stations_checked = models.PositiveIntegerField(_("stations checked"), default=0)
    checked_share = models.DecimalField(_("share checked"), max_digits=5, decimal_places=2)
    mean_score = models.DecimalField(
        _("mean score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "rank", "union_id"]
        verbose_name = _("union quarterly score")
        verbose_name_plural = _("union quarterly scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "union"], name="union_score_once_per_assessment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.union_id} {self.mean_score}"
