"""季度考核: computing one quarter's scores, in the database.

A run makes a new ``QuarterlyAssessment`` version and fills its score tables with one
``INSERT … SELECT`` per table, then a few set-based ``UPDATE``s: Python never sees a check,
a feedback row or an order, so 200,000 stations and a million checks are the database's
work (bench/bench_assessment.py measures it). The same data gives the same scores: every
step is a pure function of the rows of the quarter, rounded to two places before ranks are
given.

The rules, in one place (the rankings page says them in words, from ``parameters()``):

- **Who is assessed.** A station *operated in the quarter* when it was activated before the
  quarter ended and was not revoked or closed before it began. A station revoked or closed
  during the quarter is assessed for it — it did operate, and its union must not improve its
  mean by revoking its worst station — but the public lists only stations still operating
  (DESIGN: rankings list active or rectifying stations only).
- **Inspection score.** The weighted mean of the scores of the quarter's recorded (not
  voided) checks: an independent check (``INDEPENDENT_KINDS``) weighs
  ``ASSESSMENT_INDEPENDENT_WEIGHT``, a self-check ``ASSESSMENT_SELF_WEIGHT``. A check under
  an open appeal still counts (the appeal may be dismissed) and flags the station.
- **Worker satisfaction.** The mean rating of the quarter's counted feedback, 1–5 mapped to
  0–100, only when the station had at least ``ASSESSMENT_MIN_FEEDBACK`` of it.
- **Timeliness.** The share of the rectification orders due in the quarter (deadline inside
  it) that were closed by their deadline; 100 when none was due.
- **Quarterly score.** ``ASSESSMENT_INSPECTION_WEIGHT`` × inspection +
  ``ASSESSMENT_SATISFACTION_WEIGHT`` × satisfaction + ``ASSESSMENT_TIMELINESS_WEIGHT`` ×
  timeliness, divided by the sum of the weights used: without satisfaction its weight is left
  out of both. A station with no check in the quarter has no score and no rank.
- **Ranks.** By score, highest first; equal scores share a rank (1, 2, 2, 4); the lists show
  equal ranks by station id.
- **Unions.** Their stations' mean score and the share of their stations checked at least
  once in the quarter.

Concurrency: one run per quarter at a time. On PostgreSQL a session advisory lock keyed by
the quarter is taken without waiting, and a second run is refused with ``AssessmentBusy``; a
worker that died leaves no lock behind (the session ended), and its ``running`` row is marked
failed by the next run. SQLite (embedded mode, one process) has no advisory locks: there a
run is refused while another version of the quarter is ``running`` and younger than
``RUN_LEASE``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import Station, StationStatus, StationTransition
from stations.models.feedback import Feedback

from ..models import (
    INDEPENDENT_KINDS,
    Appeal,
    AppealStatus,
    AssessmentStatus,
    Inspection,
    InspectionStatus,
    QuarterlyAssessment,
    Rectification,
    RectificationStatus,
    StationQuarterScore,
    UnionQuarterScore,
)
from ..quarters import QuarterError, quarter_bounds

log = logging.getLogger(__name__)

# A run older than this that still says "running" is taken for dead on SQLite (where no
# advisory lock tells); PostgreSQL knows for sure from the lock.
RUN_LEASE = dt.timedelta(hours=1)
# Keys the PostgreSQL advisory lock: (this class number, year * 10 + quarter).
LOCK_CLASS = 0x5141  # "QA"
STEPS = ("station_rows", "station_scores", "station_ranks", "union_rows", "union_ranks")
# Statuses after which a station no longer operates.
ENDED = (StationStatus.REVOKED, StationStatus.CLOSED)


class AssessmentBusy(Exception):
    """Another run of the same quarter is under way."""


AssessmentError = QuarterError


def parameters() -> dict[str, int]:
    """The weights and thresholds from the settings, stored on each assessment."""
    return {
        "independent_weight": settings.ASSESSMENT_INDEPENDENT_WEIGHT,
        "self_weight": settings.ASSESSMENT_SELF_WEIGHT,
        "min_feedback": settings.ASSESSMENT_MIN_FEEDBACK,
        "inspection_weight": settings.ASSESSMENT_INSPECTION_WEIGHT,
        "satisfaction_weight": settings.ASSESSMENT_SATISFACTION_WEIGHT,
        "timeliness_weight": settings.ASSESSMENT_TIMELINESS_WEIGHT,
    }


def operating_in(start: dt.datetime, end: dt.datetime):
    """The one rule for who is assessed (module docstring): activated before the quarter
    ended, not revoked or closed before it began."""
    ended_before = StationTransition.objects.filter(
        station=OuterRef("pk"), to_status__in=ENDED, at__lt=start
    )
    return Station.objects.filter(activated_at__lt=end).exclude(Exists(ended_before)).order_by()


# --- the SQL --------------------------------------------------------------------------


def _scalar(queryset, expression, output_field):
    """A correlated subquery: one aggregate over the station's rows of ``queryset``."""
    return Subquery(
        queryset.order_by().values("station").annotate(v=expression).values("v")[:1],
        output_field=output_field,
    )


def _station_select(assessment: QuarterlyAssessment, start, end, params: dict):
    """The SELECT whose rows become the assessment's StationQuarterScore rows: counts and
    means per station; the score, the satisfaction threshold and the timeliness follow in
    ``_station_scores`` from these stored columns (an expression referring to a subquery
    twice would have the database run it twice)."""
    checks = Inspection.objects.filter(
        station=OuterRef("pk"),
        status=InspectionStatus.RECORDED,
        visited_at__gte=start,
        visited_at__lt=end,
    )
    independent = Q(kind__in=INDEPENDENT_KINDS)
    weight = Case(
        When(independent, then=Value(params["independent_weight"])),
        default=Value(params["self_weight"]),
        output_field=IntegerField(),
    )
    weighted_mean = ExpressionWrapper(
        Cast(Sum(F("score") * weight), FloatField()) / Cast(Sum(weight), FloatField()),
        output_field=FloatField(),
    )
    feedback = Feedback.objects.counted().filter(
        station=OuterRef("pk"), created_at__gte=start, created_at__lt=end
    )
    orders = Rectification.objects.filter(
        station=OuterRef("pk"),
        deadline__gte=timezone.localdate(start),
        deadline__lt=timezone.localdate(end),
    )
    on_time = Q(status=RectificationStatus.CLOSED, closed_at__date__lte=F("deadline"))
    appealed = Appeal.objects.filter(
        status=AppealStatus.OPEN,
        inspection__station=OuterRef("pk"),
        inspection__status=InspectionStatus.RECORDED,
        inspection__visited_at__gte=start,
        inspection__visited_at__lt=end,
    )
    integer = IntegerField()
    decimal = DecimalField(max_digits=5, decimal_places=2)
    columns = {
        "assessment_id": Value(assessment.pk, output_field=integer),
        "station_id": F("pk"),
        "union_id": F("union_id"),
        "district": F("district"),
        "audience": F("audience"),
        "independent_checks": Coalesce(
            _scalar(checks.filter(independent), Count("pk"), integer), 0
        ),
        "self_checks": Coalesce(_scalar(checks.exclude(independent), Count("pk"), integer), 0),
        "inspection_score": Round(_scalar(checks, weighted_mean, FloatField()), 2),
        "feedback_count": Coalesce(_scalar(feedback, Count("pk"), integer), 0),
        # The mean rating 1–5 as 0–100; set aside below the threshold in _station_scores.
        "satisfaction": Round(
            (_scalar(feedback, Avg(Cast("rating", FloatField())), FloatField()) - 1) * 25, 2
        ),
        "rectifications": Coalesce(_scalar(orders, Count("pk"), integer), 0),
        "rectifications_late": Coalesce(_scalar(orders.exclude(on_time), Count("pk"), integer), 0),
        "timeliness": Value(Decimal("100.00"), output_field=decimal),
        "under_appeal": Exists(appealed),
    }
    stations = operating_in(start, end).annotate(
        **{f"col_{name}": expr for name, expr in columns.items()}
    )
    return list(columns), stations.values_list(*(f"col_{name}" for name in columns))


def _insert_select(model, columns: list[str], queryset) -> int:
    """INSERT INTO model's table (columns) SELECT …: the rows never leave the database."""
    select_sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    fields = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({fields}) {select_sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _station_scores(assessment: QuarterlyAssessment, params: dict) -> None:
    rows = StationQuarterScore.objects.filter(assessment=assessment)
    rows.filter(feedback_count__lt=params["min_feedback"]).update(satisfaction=None)
    rows.filter(rectifications__gt=0).update(
        timeliness=Round(
            Cast(F("rectifications") - F("rectifications_late"), FloatField())
            * 100
            / Cast(F("rectifications"), FloatField()),
            2,
        )
    )
    wi, ws, wt = (
        params["inspection_weight"],
        params["satisfaction_weight"],
        params["timeliness_weight"],
    )
    float_of = lambda name: Cast(name, FloatField())  # noqa: E731
    with_satisfaction = (
        wi * float_of("inspection_score")
        + ws * float_of("satisfaction")
        + wt * float_of("timeliness")
    ) / (wi + ws + wt)
    without = (wi * float_of("inspection_score") + wt * float_of("timeliness")) / (wi + wt)
    rows.filter(inspection_score__isnull=False, satisfaction__isnull=False).update(
        score=Round(with_satisfaction, 2)
    )
    rows.filter(inspection_score__isnull=False, satisfaction__isnull=True).update(
        score=Round(without, 2)
    )


def _rank(model, assessment: QuarterlyAssessment, column: str) -> None:
    """Standard competition ranks (1, 2, 2, 4) by ``column``, highest first, set by one
    UPDATE … FROM (SELECT … RANK() OVER …); PostgreSQL and SQLite ≥ 3.33 both read it."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    value = quote(model._meta.get_field(column).column)
    # Only quoted table and column names are formatted in; the one value is a parameter.
    sql = (
        f"UPDATE {table} SET rank = ranked.r FROM ("  # noqa: S608
        f"SELECT id, RANK() OVER (ORDER BY {value} DESC) AS r FROM {table} "
        f"WHERE assessment_id = %s AND {value} IS NOT NULL"
        f") AS ranked WHERE {table}.id = ranked.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [assessment.pk])


def _union_select(assessment: QuarterlyAssessment):
    integer = IntegerField()
    checked = Q(independent_checks__gt=0) | Q(self_checks__gt=0)
    grouped = (
        StationQuarterScore.objects.filter(assessment=assessment)
        .order_by()
        .values("union_id")
        .annotate(
            col_assessment_id=Value(assessment.pk, output_field=integer),
            col_union_id=F("union_id"),
            col_stations=Count("pk"),
            col_stations_checked=Count("pk", filter=checked),
            col_checked_share=Round(
                Cast(Count("pk", filter=checked), FloatField()) * 100 / Count("pk"), 2
            ),
            col_mean_score=Round(Avg(Cast("score", FloatField())), 2),
        )
    )
    columns = [
        "assessment_id",
        "union_id",
        "stations",
        "stations_checked",
        "checked_share",
        "mean_score",
    ]
    return columns, grouped.values_list(*(f"col_{c}" for c in columns))


# --- the run --------------------------------------------------------------------------


@contextlib.contextmanager
def quarter_lock(year: int, quarter: int) -> Iterator[None]:
    """Held for the whole run (its steps commit one by one, so a transaction lock would
    not do): see the module docstring."""
    if connection.vendor != "postgresql":
        _refuse_if_running(year, quarter)
        yield
        return
    key = year * 10 + quarter
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, key])
        (got,) = cursor.fetchone()
    if not got:
        raise AssessmentBusy(_("The assessment of this quarter is being computed already."))
    try:
        # Nobody else runs this quarter now: a row still "running" was left by a dead worker.
        QuarterlyAssessment.objects.filter(
            year=year, quarter=quarter, status=AssessmentStatus.RUNNING
        ).update(status=AssessmentStatus.FAILED, error="interrupted")
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, key])


def _refuse_if_running(year: int, quarter: int) -> None:
    running = QuarterlyAssessment.objects.filter(
        year=year, quarter=quarter, status=AssessmentStatus.RUNNING
    )
    if running.filter(started_at__gte=timezone.now() - RUN_LEASE).exists():
        raise AssessmentBusy(_("The assessment of this quarter is being computed already."))
    running.update(status=AssessmentStatus.FAILED, error="interrupted")


def _new_version(year: int, quarter: int, by, params: dict) -> QuarterlyAssessment:
    with transaction.atomic():
        last = (
            QuarterlyAssessment.objects.filter(year=year, quarter=quarter)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        return QuarterlyAssessment.objects.create(
            year=year,
            quarter=quarter,
            version=(last or 0) + 1,
            status=AssessmentStatus.RUNNING,
            parameters=params,
            progress_total=len(STEPS),
            started_by=by,
        )


def _step_done(assessment: QuarterlyAssessment) -> None:
    assessment.progress_done += 1
    QuarterlyAssessment.objects.filter(pk=assessment.pk).update(
        progress_done=assessment.progress_done
    )


def assessment_run(*, year: int, quarter: int, by=None) -> QuarterlyAssessment:
    """Compute a new draft version of the quarter's assessment (module docstring).

    Raises AssessmentBusy while another run of the quarter is under way. Each step commits
    on its own so that the progress shows on the staff page; a failed run is marked failed
    and its partial rows are deleted."""
    start, end = quarter_bounds(year, quarter)
    params = parameters()
    with quarter_lock(year, quarter):
        assessment = _new_version(year, quarter, by, params)
        try:
            _compute(assessment, start, end, params)
        except Exception as exc:
            log.exception("assessment %s failed", assessment)
            with transaction.atomic():
                StationQuarterScore.objects.filter(assessment=assessment).delete()
                UnionQuarterScore.objects.filter(assessment=assessment).delete()
                QuarterlyAssessment.objects.filter(pk=assessment.pk).update(
                    status=AssessmentStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
                )
            raise
    assessment.refresh_from_db()
    return assessment


def _compute(assessment: QuarterlyAssessment, start, end, params: dict) -> None:
    with transaction.atomic():
        columns, select = _station_select(assessment, start, end, params)
        count = _insert_select(StationQuarterScore, columns, select)
        log.info("assessment %s: %s stations", assessment, count)
    _step_done(assessment)
    with transaction.atomic():
        _station_scores(assessment, params)
    _step_done(assessment)
    with transaction.atomic():
        _rank(StationQuarterScore, assessment, "score")
    _step_done(assessment)
    with transaction.atomic():
        columns, select = _union_select(assessment)
        _insert_select(UnionQuarterScore, columns, select)
    _step_done(assessment)
    with transaction.atomic():
        _rank(UnionQuarterScore, assessment, "mean_score")
        QuarterlyAssessment.objects.filter(pk=assessment.pk).update(
            status=AssessmentStatus.DRAFT,
            computed_at=timezone.now(),
            progress_done=len(STEPS),
        )
