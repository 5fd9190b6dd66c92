"""Reads of computed assessments, shared by the staff review page, the public rankings and
their JSON. Every function is a fixed number of queries whatever the number of stations: the
charts' numbers are aggregated by the database, and lists are paginated."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Floor, Least

from stations.models.station import PUBLIC_STATUSES
from unions.pages import MarkedPaginator, marks

from ...numbers import Shown
from ...quarters import previous_quarter
from ..models import AssessmentStatus, QuarterlyAssessment, StationQuarterScore, UnionQuarterScore

# A published version's scores never change; what the public sees of them changes only when
# a station stops operating (the public list leaves it out). The whole-list numbers (count,
# district means, distribution) are kept this long, so a warm page reads only its own rows.
SUMMARY_SECONDS = 300

# The score distribution's bins: 0–10, 10–20, …, 90–100 (100 falls in the last).
BINS = 10

# The lists' order: by rank, the unranked (本季度未抽查) after every ranked station, then by
# station (a station is once in an assessment). The indexes station_score_rank and
# station_score_district_rank hold it.
ORDER = ("rank", "station_id")
# Where the pages begin is kept for every MARK_EVERY stations of a list (unions.pages.marks);
# the lists' page sizes are multiples of it.
MARK_EVERY = 50


def latest_published() -> QuarterlyAssessment | None:
    return QuarterlyAssessment.objects.published().order_by("-year", "-quarter").first()


def published(year: int, quarter: int) -> QuarterlyAssessment | None:
    return QuarterlyAssessment.objects.published().filter(year=year, quarter=quarter).first()


def previous_published(assessment: QuarterlyAssessment) -> QuarterlyAssessment | None:
    """What a quarter is compared with: the previous quarter's published version."""
    year, quarter = previous_quarter(assessment.year, assessment.quarter)
    return published(year, quarter)


def station_rows(
    assessment: QuarterlyAssessment,
    *,
    district: str = "",
    audience: str = "",
    public: bool = False,
) -> QuerySet[StationQuarterScore]:
    rows = StationQuarterScore.objects.filter(assessment=assessment)
    if public:
        # DESIGN: the public lists a station only while it operates (active or rectifying).
        rows = rows.filter(station__status__in=PUBLIC_STATUSES)
    if district:
        rows = rows.filter(district=district)
    if audience:
        rows = rows.filter(audience=audience)
    return rows.select_related("station", "union").order_by(
        F("rank").asc(nulls_last=True), "station_id"
    )


def paginator(rows: QuerySet, per_page: int, summary: dict) -> MarkedPaginator:
    """A list's pages (``?page=N``) read by key from the marks kept in its summary
    (``public_summary``, ``staff_summary``): page 4,000 reads what page 1 reads."""
    return MarkedPaginator(
        rows,
        per_page,
        order=ORDER,
        count=summary["count"],
        marks=summary["marks"],
        every=MARK_EVERY,
    )


def _outline(rows: QuerySet) -> dict:
    count, kept = marks(rows, ORDER, MARK_EVERY)
    return {"count": count, "marks": kept}


def staff_summary(assessment: QuarterlyAssessment) -> dict:
    """The count and page marks of every station of an assessment (the staff review page).
    A computed version's rows never change (a correction is a new version), so they are kept
    SUMMARY_SECONDS; a running one's are being written, and are read afresh."""
    rows = station_rows(assessment)
    if assessment.status == AssessmentStatus.RUNNING:
        return _outline(rows)
    return cache.get_or_set(
        f"rankings:staff:{assessment.pk}", lambda: _outline(rows), SUMMARY_SECONDS
    )


def with_previous(rows: QuerySet, previous: QuarterlyAssessment | None) -> QuerySet:
    """Each row with its station's score and rank in ``previous`` (None when absent)."""
    if previous is None:
        return rows
    earlier = StationQuarterScore.objects.filter(assessment=previous, station=OuterRef("station"))
    return rows.annotate(
        previous_score=Subquery(earlier.values("score")[:1]),
        previous_rank=Subquery(earlier.values("rank")[:1]),
    )


def union_rows(assessment: QuarterlyAssessment, previous: QuarterlyAssessment | None = None):
    rows = (
        UnionQuarterScore.objects.filter(assessment=assessment)
        .select_related("union")
        .order_by(F("rank").asc(nulls_last=True), "union_id")
    )
    if previous is not None:
        earlier = UnionQuarterScore.objects.filter(assessment=previous, union=OuterRef("union"))
        rows = rows.annotate(
            previous_score=Subquery(earlier.values("mean_score")[:1]),
            previous_rank=Subquery(earlier.values("rank")[:1]),
        )
    return rows


def district_means(rows: QuerySet) -> list[dict]:
    """Mean score (of the unrounded scores: ``numbers.shown`` rounds it once, for display)
    and number of scored stations per district, best first (one query)."""
    return list(
        rows.filter(score__isnull=False)
        .order_by()
        .values("district")
        .annotate(stations=Count("pk"), mean=Avg("score"))
        .order_by("-mean", "district")
    )


def histogram(rows: QuerySet) -> list[dict]:
    """How many stations scored in each tenth of the scale, by the score as shown (one
    query). Each score is rounded and binned once, grouped by its bin: ten filtered counts
    rounded every score twenty times (154 ms against 68 ms on 181,800 stations)."""
    bounds = [(i * 10, (i + 1) * 10) for i in range(BINS)]
    # A bin is the tens of the shown score; 100 falls in the last.
    tens = Least(Floor(Shown(F("score")) / Value(10)), Value(BINS - 1))
    counts = {
        int(row["tens"]): row["stations"]
        for row in rows.filter(score__isnull=False)
        .order_by()
        .annotate(tens=ExpressionWrapper(tens, output_field=IntegerField()))
        .values("tens")
        .annotate(stations=Count("pk"))
    }
    return [
        {"label": f"{low}–{high}", "low": low, "high": high, "count": counts.get(i, 0)}
        for i, (low, high) in enumerate(bounds)
    ]


def public_summary(assessment: QuarterlyAssessment, rows: QuerySet, **filters: str) -> dict:
    """The list's count and page marks, district means and distribution (three aggregates),
    cached per published version and filter for SUMMARY_SECONDS: the count and the marks
    are taken together, so that the pages they make agree with each other."""
    key = "rankings:summary:{}:{}".format(
        assessment.pk, ":".join(f"{k}={v}" for k, v in sorted(filters.items()))
    )
    summary = cache.get(key)
    if summary is None:
        summary = {
            **_outline(rows),
            "districts": district_means(rows),
            "bins": histogram(rows),
        }
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary
