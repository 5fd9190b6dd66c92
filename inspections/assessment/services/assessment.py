"""季度考核: computing one quarter's scores, in the database.

A run makes a new ``QuarterlyAssessment`` version: one ``INSERT … SELECT`` writes a row per
operating station, LEFT JOINing one ORM-built ``GROUP BY station`` aggregate per source table
(checks, feedback, orders, appeals), combining the score and ranking it with a window
function; one more ``INSERT … SELECT`` makes the union rows: Python never sees a check,
a feedback row or an order, so 200,000 stations and a million checks are the database's
work (bench/bench_assessment.py measures it). The same data gives the same scores: every
step is a pure function of the rows of the quarter.

The rules, in one place (the rankings page says them in words, from ``parameters()``;
DESIGN: Scoring; 沪工总基〔2018〕35号 四、(四), 五、(三), 附件2 第6、7条):

- **Who is assessed.** A station *operated in the quarter* when it was activated before the
  quarter ended and was not revoked or closed before it began (``operating_in``). A station
  revoked or closed during the quarter is assessed for it — it did operate, and its union
  must not improve its mean by revoking its worst station — but the public lists only
  stations still operating (DESIGN: rankings list active or rectifying stations only).
- **Inspection score: the supervision team's.** The mean score of the quarter's recorded
  (not voided) checks by inspectors: flying inspections and undercover visits, re-inspections
  being one of these (``INDEPENDENT_KINDS``). Acceptance checks belong to approval. A check
  under an open appeal still counts in a draft (the appeal may be dismissed) and flags the
  station; a quarter is published only once its appeals are decided (services.publication).
- **The union's own evaluation.** Self-checks and peer reviews (``OWN_EVALUATION_KINDS``)
  are counted and averaged beside the score, with the gap of the self-checks' mean to the
  inspection score of the same station; they never weigh in the score.
- **Not checked.** A station with no independent check in the quarter has no score and no
  rank: 本季度未抽查.
- **Worker satisfaction.** The mean rating of the quarter's counted feedback, 1–5 mapped to
  0–100, only when the station had at least ``ASSESSMENT_MIN_FEEDBACK`` of it.
- **Timeliness.** The share of the rectification orders due in the quarter (deadline inside
  it) that were closed by their deadline; 100 when none was due.
- **Quarterly score.** ``ASSESSMENT_INSPECTION_WEIGHT`` × inspection +
  ``ASSESSMENT_SATISFACTION_WEIGHT`` × satisfaction + ``ASSESSMENT_TIMELINESS_WEIGHT`` ×
  timeliness, divided by the sum of the weights used: without satisfaction its weight is left
  out of both.
- **A red line decides the quarter.** A red-line finding of an independent check that stands
  (the check not voided on appeal) makes the quarter 不合格: the score is capped at
  ``ASSESSMENT_RED_LINE_CAP`` whatever satisfaction and timeliness add, the station ranks
  below every station without one (at equal scores too), and its row names the red-line items
  in the checklist's words.
- **One rounding.** Every value is computed exactly (``numeric``; inspections/numbers.py for
  SQLite) and held to ten places; it is rounded once, to two, where it is shown, and ranks
  are taken on that shown value: equal shown scores share a rank (1, 2, 2, 4); the lists show
  equal ranks by station id.
- **Unions.** The mean of their stations' unrounded scores, the share of their stations the
  supervision team checked in the quarter, their stations with a red line, and their own
  evaluation (self-checks and peer reviews: count, mean, gap).

Who may run: the aid center, or the programme itself (the beat job, the command: ``by=None``)
— ``ASSESSMENT_ACTIONS`` beside the model.

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

from django.conf import settings
from django.db import connection, transaction
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import Station
from stations.models.feedback import Feedback
from unions.actions import check

from ...checks.models import (
    INDEPENDENT_KINDS,
    Finding,
    Inspection,
    InspectionKind,
    InspectionStatus,
)
from ...numbers import Exact, shown_sql
from ...orders.models import Appeal, AppealStatus, Rectification, RectificationStatus
from ...quarters import QuarterError, quarter_bounds
from ..models import (
    ASSESSMENT_ACTIONS,
    ON_THE_QUARTER,
    AssessmentStatus,
    QuarterlyAssessment,
    StationQuarterScore,
    UnionQuarterScore,
)

log = logging.getLogger(__name__)

# A run older than this that still says "running" is taken for dead on SQLite (where no
# advisory lock tells); PostgreSQL knows for sure from the lock.
RUN_LEASE = dt.timedelta(hours=1)
# Keys the PostgreSQL advisory lock: (this class number, year * 10 + quarter).
LOCK_CLASS = 0x5141  # "QA"
STEPS = ("stations", "red_lines", "unions", "union_ranks")


class AssessmentBusy(Exception):
    """Another run of the same quarter is under way."""


AssessmentError = QuarterError


def parameters() -> dict:
    """The rules' settings at the time of the run, stored on each assessment: the rankings
    page and the reports say the rules from them (inspections/rules.py)."""
    return {
        # Only these kinds of check make the score (the supervision team's).
        "scored_kinds": [kind.value for kind in INDEPENDENT_KINDS],
        "min_feedback": settings.ASSESSMENT_MIN_FEEDBACK,
        "inspection_weight": settings.ASSESSMENT_INSPECTION_WEIGHT,
        "satisfaction_weight": settings.ASSESSMENT_SATISFACTION_WEIGHT,
        "timeliness_weight": settings.ASSESSMENT_TIMELINESS_WEIGHT,
        "red_line_cap": settings.ASSESSMENT_RED_LINE_CAP,
        "appeal_days": settings.APPEAL_DAYS,
    }


def operating_in(start: dt.datetime, end: dt.datetime):
    """Who a quarter assesses: the stations that operated during it (the one definition,
    stations/models/operating.py: activated before it ended, not revoked or closed before it
    began)."""
    return Station.objects.operated_during(start, end).order_by()


# --- the SQL --------------------------------------------------------------------------


def _per_station(queryset, station: str = "station_id", **aggregates):
    """One row per station of ``queryset``'s rows: GROUP BY the station, the aggregates
    named as given (they become the columns of the UPDATE … FROM below)."""
    return queryset.order_by().annotate(sid=F(station)).values("sid").annotate(**aggregates)


def _decimal(expression) -> ExpressionWrapper:
    return ExpressionWrapper(expression, output_field=DecimalField())


def _checks_pass(start, end, params: dict):
    scored = Q(kind__in=params["scored_kinds"])
    own = Q(kind=InspectionKind.SELF_CHECK)
    peer = Q(kind=InspectionKind.PEER_REVIEW)
    checks = Inspection.objects.filter(
        status=InspectionStatus.RECORDED, visited_at__gte=start, visited_at__lt=end
    )
    return _per_station(
        checks,
        independent=Count("pk", filter=scored),
        mean=Avg(Exact("score"), filter=scored),
        red=Count("pk", filter=scored & Q(red_line=True)),
        own=Count("pk", filter=own),
        own_mean=Avg(Exact("score"), filter=own),
        peer=Count("pk", filter=peer),
        peer_mean=Avg(Exact("score"), filter=peer),
    )


def _feedback_pass(start, end, params: dict):
    feedback = Feedback.objects.counted().filter(created_at__gte=start, created_at__lt=end)
    # The mean rating 1–5 as 0–100, only with enough feedback for it to count.
    return _per_station(
        feedback,
        n=Count("pk"),
        rating=Case(
            When(
                Q(n__gte=params["min_feedback"]),
                then=_decimal((Avg(Exact("rating")) - 1) * 25),
            ),
            default=None,
            output_field=DecimalField(),
        ),
    )


def _orders_pass(start, end):
    orders = Rectification.objects.filter(
        deadline__gte=timezone.localdate(start), deadline__lt=timezone.localdate(end)
    )
    on_time = Q(status=RectificationStatus.CLOSED, closed_at__date__lte=F("deadline"))
    return _per_station(
        orders,
        n=Count("pk"),
        late=Count("pk", filter=~on_time),
        timely=_decimal(Exact(Count("pk", filter=on_time)) * 100 / Count("pk")),
    )


def _appeals_pass(start, end, params: dict):
    appeals = Appeal.objects.filter(
        status=AppealStatus.OPEN,
        inspection__status=InspectionStatus.RECORDED,
        inspection__kind__in=params["scored_kinds"],
        inspection__visited_at__gte=start,
        inspection__visited_at__lt=end,
    )
    flagged = ExpressionWrapper(Q(n__gt=0), output_field=BooleanField())
    return _per_station(appeals, "inspection__station_id", n=Count("pk")).annotate(flagged=flagged)


def _insert_select(model, columns: list[str], queryset) -> int:
    """INSERT INTO model's table (columns) SELECT …: the rows never leave the database."""
    select_sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    fields = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({fields}) {select_sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _insert_station_rows(assessment: QuarterlyAssessment, start, end, params: dict) -> int:
    """One INSERT … SELECT for the whole station table: the operating stations LEFT JOINed
    to one GROUP BY per source table, the score combined, capped and ranked by a window
    function. Each row is written once (updating a national quarter's rows pass after pass
    cost more than computing them), and each source table is read once."""
    quote = connection.ops.quote_name
    stations = (
        operating_in(start, end)
        .annotate(sid=F("pk"))
        .values("sid", "union_id", "district", "audience")
    )
    parts = [
        ("st", stations),
        ("c", _checks_pass(start, end, params)),
        ("f", _feedback_pass(start, end, params)),
        ("o", _orders_pass(start, end)),
        ("a", _appeals_pass(start, end, params)),
    ]
    compiled = [(alias, *qs.query.sql_with_params()) for alias, qs in parts]
    wi, ws, wt, cap = (
        int(params["inspection_weight"]),
        int(params["satisfaction_weight"]),
        int(params["timeliness_weight"]),
        int(params["red_line_cap"]),
    )
    # Exact (numeric) arithmetic, held to ten places: the one rounding is for display. The
    # "1.0 *" keeps SQLite from integer division: a derived table's NUMERIC column hands
    # over 80.0 as the integer 80 (in PostgreSQL it is an exact numeric factor).
    mean, rating = '(1.0 * c."mean")', 'f."rating"'
    timely = '(1.0 * COALESCE(o."timely", 100))'
    raw = (
        f"CASE WHEN {rating} IS NULL THEN ({wi} * {mean} + {wt} * {timely}) / {wi + wt} "
        f"ELSE ({wi} * {mean} + {ws} * {rating} + {wt} * {timely}) / {wi + ws + wt} END"
    )
    score = (
        'CASE WHEN c."mean" IS NULL THEN NULL '
        f'WHEN COALESCE(c."red", 0) > 0 AND ROUND({raw}, 10) > {cap} THEN {cap} '
        f"ELSE ROUND({raw}, 10) END"
    )
    gap = (
        'CASE WHEN c."own_mean" IS NULL OR c."mean" IS NULL THEN NULL '
        'ELSE 1.0 * c."own_mean" - c."mean" END'
    )
    inner = (
        'SELECT st."sid" AS sid, st."union_id" AS union_id, st."district" AS district, '  # noqa: S608
        'st."audience" AS audience, COALESCE(c."independent", 0) AS independent, '
        'c."mean" AS mean, COALESCE(f."n", 0) AS fn, f."rating" AS rating, '
        'COALESCE(o."n", 0) AS orders, COALESCE(o."late", 0) AS late, '
        'COALESCE(o."timely", 100) AS timely, COALESCE(a."flagged", FALSE) AS flagged, '
        'COALESCE(c."red", 0) > 0 AS red, '
        'COALESCE(c."own", 0) AS own, c."own_mean" AS own_mean, '
        'COALESCE(c."peer", 0) AS peer, c."peer_mean" AS peer_mean, '
        f"{gap} AS gap, {score} AS score "
        f"FROM ({compiled[0][1]}) st "
        + " ".join(
            f'LEFT JOIN ({sql}) {alias} ON {alias}."sid" = st."sid"'
            for alias, sql, _params in compiled[1:]
        )
    )
    columns = [
        "assessment_id", "station_id", "union_id", "district", "audience",
        "independent_checks", "inspection_score", "feedback_count", "satisfaction",
        "rectifications", "rectifications_late", "timeliness", "under_appeal", "red_line",
        "red_lines", "self_checks", "self_mean", "peer_reviews", "peer_mean", "self_gap", "score", "rank",
    ]  # fmt: skip
    fields = ", ".join(quote(StationQuarterScore._meta.get_field(c).column) for c in columns)
    # Not checked (no score) last; then a standing red line below every station without
    # one; then by the score as shown, highest first.
    order = (
        "CASE WHEN x.score IS NULL THEN 2 WHEN x.red THEN 1 ELSE 0 END, "
        f"{shown_sql('x.score', connection.vendor)} DESC"
    )
    # Only quoted names and the integer weights are formatted in; values are parameters.
    sql = (
        f"INSERT INTO {quote(StationQuarterScore._meta.db_table)} ({fields}) "  # noqa: S608
        "SELECT %s, x.sid, x.union_id, x.district, x.audience, x.independent, x.mean, "
        "x.fn, x.rating, x.orders, x.late, x.timely, x.flagged, x.red, '', x.own, x.own_mean, "
        "x.peer, x.peer_mean, x.gap, x.score, "
        f"CASE WHEN x.score IS NULL THEN NULL ELSE RANK() OVER (ORDER BY {order}) END "
        f"FROM ({inner}) x"
    )
    params_all = [assessment.pk]
    for _alias, _sql, part_params in compiled:
        params_all.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params_all)
        return cursor.rowcount


def _red_line_words(assessment: QuarterlyAssessment, start, end, params: dict) -> None:
    """Name each standing red line in the checklist's words (few rows: one station in a
    hundred), from the findings of the quarter's independent checks."""
    rows = StationQuarterScore.objects.filter(assessment=assessment, red_line=True)
    ids = dict(rows.values_list("station_id", "pk"))
    if not ids:
        return
    found = (
        Finding.objects.filter(
            met=False,
            item__red_line=True,
            inspection__status=InspectionStatus.RECORDED,
            inspection__kind__in=params["scored_kinds"],
            inspection__red_line=True,
            inspection__visited_at__gte=start,
            inspection__visited_at__lt=end,
            inspection__station_id__in=rows.values("station_id"),
        )
        .order_by()
        .values_list("inspection__station_id", "item__position", "item__label")
        .distinct()
    )
    words: dict[int, list[tuple[int, str]]] = {}
    for station_id, position, label in found:
        words.setdefault(station_id, []).append((position, label))
    updated = []
    for station_id, pairs in words.items():
        labels = list(dict.fromkeys(label for _position, label in sorted(pairs)))
        updated.append(StationQuarterScore(pk=ids[station_id], red_lines="、".join(labels)))
    StationQuarterScore.objects.bulk_update(updated, ["red_lines"], batch_size=500)


def _rank(model, assessment: QuarterlyAssessment, column: str) -> None:
    """Standard competition ranks (1, 2, 2, 4) by ``column`` as shown, highest first, set
    by one UPDATE … FROM (SELECT … RANK() OVER …); PostgreSQL and SQLite ≥ 3.33 both read
    it."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    value = quote(model._meta.get_field(column).column)
    shown = shown_sql(value, connection.vendor)
    # Only quoted table and column names are formatted in; the one value is a parameter.
    sql = (
        f"UPDATE {table} SET rank = ranked.r FROM ("  # noqa: S608
        f"SELECT id, RANK() OVER (ORDER BY {shown} DESC) AS r FROM {table} "
        f"WHERE assessment_id = %s AND {value} IS NOT NULL"
        f") AS ranked WHERE {table}.id = ranked.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [assessment.pk])


def _weighted_mean(mean: str, count: str):
    """The mean over every check of the union's stations, from each station's mean."""
    return _decimal(Sum(Exact(F(mean) * F(count))) / NullIf(Sum(count), 0))


def _union_select(assessment: QuarterlyAssessment):
    integer = IntegerField()
    checked = Q(independent_checks__gt=0)
    grouped = (
        StationQuarterScore.objects.filter(assessment=assessment)
        .order_by()
        .values("union_id")
        .annotate(
            col_assessment_id=Value(assessment.pk, output_field=integer),
            col_union_id=F("union_id"),
            col_stations=Count("pk"),
            col_stations_checked=Count("pk", filter=checked),
            col_checked_share=_decimal(Exact(Count("pk", filter=checked)) * 100 / Count("pk")),
            col_mean_score=Avg(Exact("score")),
            col_red_line_stations=Count("pk", filter=Q(red_line=True)),
            col_self_checks=Sum("self_checks"),
            col_self_mean=_weighted_mean("self_mean", "self_checks"),
            col_peer_reviews=Sum("peer_reviews"),
            col_peer_mean=_weighted_mean("peer_mean", "peer_reviews"),
            col_self_gap=Avg(Exact("self_gap")),
        )
    )
    columns = [
        "assessment_id",
        "union_id",
        "stations",
        "stations_checked",
        "checked_share",
        "mean_score",
        "red_line_stations",
        "self_checks",
        "self_mean",
        "peer_reviews",
        "peer_mean",
        "self_gap",
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
    """Compute a new draft version of the quarter's assessment (module docstring), at any
    time: publishing is what waits for a finished quarter (services.publication).

    ``by`` is the aid center's officer, or None for the programme's own run (the beat job,
    the command); anyone else is refused (ASSESSMENT_ACTIONS). Raises AssessmentBusy while
    another run of the quarter is under way. Each step commits on its own so that the
    progress shows on the staff page; a failed run is marked failed and its partial rows
    are deleted."""
    check(ASSESSMENT_ACTIONS, "run", None, by, status=ON_THE_QUARTER)
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
        count = _insert_station_rows(assessment, start, end, params)
        log.info("assessment %s: %s stations", assessment, count)
    _step_done(assessment)
    with transaction.atomic():
        _red_line_words(assessment, start, end, params)
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
