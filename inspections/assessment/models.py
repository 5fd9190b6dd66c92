"""季度考核: one computed, reviewed and (once the aid center says so) published set of
quarterly scores. A correction after publication is a new version with a note; the old one
is kept as superseded, never changed (DESIGN: results public only once published)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.actions import Action, table
from unions.models import Union
from unions.roles import AID
from unions.scopes import ScopedQuerySet

# Scores are held exactly to this many places (numeric(13, 10)) and rounded once, to two,
# where they are shown (inspections/numbers.py).
EXACT = {"max_digits": 13, "decimal_places": 10}


class AssessmentStatus(models.TextChoices):
    RUNNING = "running", _("Computing")
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a correction")
    FAILED = "failed", _("Failed")


# The status badge of each, for the staff pages.
ASSESSMENT_BADGES = {
    AssessmentStatus.RUNNING: "secondary",
    AssessmentStatus.DRAFT: "warning text-dark",
    AssessmentStatus.PUBLISHED: "success",
    AssessmentStatus.SUPERSEDED: "secondary",
    AssessmentStatus.FAILED: "danger",
}

# A run is taken on the quarter, not on a version: each run makes a new version, whatever
# the statuses of the earlier ones (a correction after publication is a new run). Another
# run of the quarter under way is refused by the quarter's lock (services.assessment).
ON_THE_QUARTER = "quarter"


def _first_publication(assessment: QuarterlyAssessment) -> bool:
    return not assessment.published_before()


def _correction(assessment: QuarterlyAssessment) -> bool:
    return assessment.published_before()


A = AssessmentStatus
# Every move of a quarterly assessment, who may make it and from which status (the shape of
# unions/actions.py). The services check it; the staff page draws its button from it. The
# aid center runs and publishes (DESIGN: who uses it); the beat job and the command run with
# no person behind them (system). When a draft may be published at all (a finished quarter
# whose appeals are settled, with stations scored) is services.publication's rule.
ASSESSMENT_ACTIONS = table(
    Action(
        "run",
        (ON_THE_QUARTER,),
        A.RUNNING,
        AID,
        _("Compute the quarter"),
        system=True,
        button=False,
    ),
    Action(
        "computed", (A.RUNNING,), A.DRAFT, frozenset(), _("Computed"), system=True, button=False
    ),
    Action("fail", (A.RUNNING,), A.FAILED, frozenset(), _("Failed"), system=True, button=False),
    Action(
        "publish",
        (A.DRAFT,),
        A.PUBLISHED,
        AID,
        _("Publish"),
        confirm=_("Publish these results on the rankings page and send each union its report?"),
        style="success",
        applies=_first_publication,
    ),
    Action(
        "correct",
        (A.DRAFT,),
        A.PUBLISHED,
        AID,
        _("Publish as a correction"),
        needs_reason=True,
        reason_label=_("Correction note (shown on the public page)"),
        confirm=_("Replace the published results of this quarter with this version?"),
        style="warning",
        applies=_correction,
    ),
    Action(
        "supersede",
        (A.PUBLISHED,),
        A.SUPERSEDED,
        AID,
        _("Superseded by a correction"),
        button=False,
    ),
)
del A


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

    @property
    def badge(self) -> str:
        return ASSESSMENT_BADGES.get(self.status, "secondary")

    def published_before(self) -> bool:
        """Another version of the quarter was published: this one can only be a correction."""
        return (
            QuarterlyAssessment.objects.filter(year=self.year, quarter=self.quarter)
            .filter(status__in=(AssessmentStatus.PUBLISHED, AssessmentStatus.SUPERSEDED))
            .exclude(pk=self.pk)
            .exists()
        )


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
    # The supervision team's checks of the quarter (INDEPENDENT_KINDS): the only ones scored.
    # None: 本季度未抽查, no score and no rank.
    independent_checks = models.PositiveIntegerField(_("independent checks"), default=0)
    inspection_score = models.DecimalField(_("inspection score"), **EXACT, null=True, blank=True)
    feedback_count = models.PositiveIntegerField(_("feedback received"), default=0)
    # None when the station had too little feedback for it to count.
    satisfaction = models.DecimalField(_("worker satisfaction"), **EXACT, null=True, blank=True)
    rectifications = models.PositiveIntegerField(_("rectification orders"), default=0)
    rectifications_late = models.PositiveIntegerField(_("rectified late or not"), default=0)
    timeliness = models.DecimalField(_("rectification timeliness"), **EXACT)
    under_appeal = models.BooleanField(_("a check under appeal"), default=False)
    # A red-line finding of an independent check that stands (not voided on appeal): the
    # quarter is 不合格, the score capped, the station ranked below every one without.
    red_line = models.BooleanField(_("red line (不合格)"), default=False)
    # The red-line items found not met, in the checklist's words ("、" between them).
    red_lines = models.TextField(_("red-line items"), blank=True)
    score = models.DecimalField(_("quarterly score"), **EXACT, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    # The union's own evaluation (OWN_EVALUATION_KINDS), beside the score and never in it.
    self_checks = models.PositiveIntegerField(_("self-checks"), default=0)
    self_mean = models.DecimalField(_("self-check mean"), **EXACT, null=True, blank=True)
    peer_reviews = models.PositiveIntegerField(_("peer reviews"), default=0)
    peer_mean = models.DecimalField(_("peer review mean"), **EXACT, null=True, blank=True)
    # Self-check mean minus the inspection score, when the quarter has both.
    self_gap = models.DecimalField(_("self-check minus inspection"), **EXACT, null=True, blank=True)

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
    # Checked by the supervision team (an independent check in the quarter).
    stations_checked = models.PositiveIntegerField(_("stations checked"), default=0)
    checked_share = models.DecimalField(_("share checked"), **EXACT)
    # The mean of its stations' unrounded scores.
    mean_score = models.DecimalField(_("mean score"), **EXACT, null=True, blank=True)
    red_line_stations = models.PositiveIntegerField(_("stations with a red line"), default=0)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    # Its own evaluation of its stations: every self-check and peer review of the quarter,
    # and the mean gap of its stations' self-checks to the team's scores of the same stations.
    self_checks = models.PositiveIntegerField(_("self-checks"), default=0)
    self_mean = models.DecimalField(_("self-check mean"), **EXACT, null=True, blank=True)
    peer_reviews = models.PositiveIntegerField(_("peer reviews"), default=0)
    peer_mean = models.DecimalField(_("peer review mean"), **EXACT, null=True, blank=True)
    self_gap = models.DecimalField(_("self-check minus inspection"), **EXACT, null=True, blank=True)

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
