"""Reads for the annual selection: the year's base, its standing red lines and its ranked
candidates.

The base of the 5%–8% bounds (``award_base``, 四、(五); DESIGN: Scoring, Awards): the stations
that operated the whole year (``Station.objects.operated_all_year``: activated on or before
1 January, still active or rectifying when 31 December ended) with no standing red-line
result in the year's published quarters (``standing_red_line_stations``: a quarter 不合格).

A candidate is a station of the base that also meets the rest of the rules, written once
here (the selection page prints the same rules):
- never revoked, at any time, up to the day of the selection (取消资格 is final);
- no overdue rectification order: none with its deadline in the year that was not closed by
  its deadline (still open past it, or closed only after it);
- a published quarterly score in at least ``AWARDS_MIN_QUARTERS`` of the year's quarters.
Eligible stations rank by the mean of their published quarterly scores, best first; ties go
to the lower plaque number (the older station), so the order is the same on every run.
The page also lists the stations operating at the year's end that are not in the base, with
the reason, so that the aid center sees why the base is what it is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.assessment.models import AssessmentStatus
from inspections.models import (
    Rectification,
    StationQuarterScore,
)
from stations.models import Station, StationStatus, StationTransition

from .models import AwardKind, AwardYear
from .rules import award_bounds

QUARTERS = (1, 2, 3, 4)

NOT_ALL_YEAR = _("not operating all year")
RED_LINE = _("a red-line finding of the supervision team stands")
REVOKED = _("revoked")
OVERDUE = _("overdue rectification order")
TOO_FEW_QUARTERS = _("too few published quarterly scores")
# The reasons by code, as the shortlist stores them (awards.models.shortlist), in the order
# the page lists them.
EXCLUSIONS = {
    "not_all_year": NOT_ALL_YEAR,
    "red_line": RED_LINE,
    "revoked": REVOKED,
    "overdue": OVERDUE,
    "few_quarters": TOO_FEW_QUARTERS,
}


def standing_red_line_stations(year: int) -> QuerySet:
    """The ids of the stations with a standing red-line result in ``year``: a published
    quarter of the year whose result for the station was 不合格 (DESIGN: "no standing
    red-line quarter in the year's published quarters"). The quarter's flag already leaves
    out a red line voided on appeal and one found by anyone but the supervision team
    (inspections/assessment/services/assessment.py), so this reads the flag and nothing else."""
    return StationQuarterScore.objects.filter(
        assessment__year=year,
        assessment__status=AssessmentStatus.PUBLISHED,
        red_line=True,
    ).values("station_id")


def award_base(year: int) -> QuerySet[Station]:
    """The base of the year's 5%–8% bounds (module docstring)."""
    return Station.objects.operated_all_year(year).exclude(pk__in=standing_red_line_stations(year))


def overdue_orders(year: int, today: dt.date | None = None) -> QuerySet[Rectification]:
    """Orders whose deadline fell in the year, has passed, and was not met."""
    today = today or timezone.localdate()
    return Rectification.objects.filter(deadline__year=year, deadline__lt=today).filter(
        Q(closed_at__isnull=True) | Q(closed_at__date__gt=F("deadline"))
    )


@dataclass(slots=True)
class QuarterFigure:
    quarter: int
    score: Decimal | None
    satisfaction: Decimal | None
    rectifications: int
    rectifications_late: int


@dataclass(slots=True)
class Candidate:
    station: Station
    quarters: list[QuarterFigure | None]
    mean: Decimal | None
    orders: int = 0
    orders_overdue: int = 0
    exclusions: list = field(default_factory=list)
    # The same reasons as codes (EXCLUSIONS).
    codes: list = field(default_factory=list)
    rank: int | None = None

    def exclude(self, code: str) -> None:
        self.codes.append(code)
        self.exclusions.append(EXCLUSIONS[code])

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def quarters_scored(self) -> int:
        return sum(1 for q in self.quarters if q is not None and q.score is not None)


def _published_scores(year: int, ids=None) -> dict[int, dict[int, StationQuarterScore]]:
    rows = StationQuarterScore.objects.filter(
        assessment__year=year, assessment__status=AssessmentStatus.PUBLISHED
    )
    if ids is not None:
        rows = rows.filter(station_id__in=ids)
    rows = rows.values(
        "station_id",
        "assessment__quarter",
        "score",
        "satisfaction",
        "rectifications",
        "rectifications_late",
    )
    by_station: dict[int, dict[int, QuarterFigure]] = defaultdict(dict)
    for row in rows:
        q = row["assessment__quarter"]
        by_station[row["station_id"]][q] = QuarterFigure(
            quarter=q,
            score=row["score"],
            satisfaction=row["satisfaction"],
            rectifications=row["rectifications"],
            rectifications_late=row["rectifications_late"],
        )
    return by_station


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# What the rules, the shortlist and the titles read of a station: at national size the
# candidates are 200,000 stations held at once, so only these are loaded.
STATION_FIELDS = (
    "pk",
    "name",
    "head_name",
    "plaque_number",
    "union_id",
    "district",
    "status",
    "host_unit__name",
    "host_unit__parent_unit",
)


def candidates(year: int, *, today: dt.date | None = None, station_ids=None) -> list[Candidate]:
    """Every station operating when the year ended, eligible ones ranked first (rank 1, 2,
    …), then the others with the reasons they are left out.

    With ``station_ids``, only those stations, judged by the same rules and not ranked (a
    rank is a place among all of them): what saving the titles checks the marks against."""
    operating = Station.objects.operating_on(dt.date(year, 12, 31))
    all_year = Station.objects.operated_all_year(year)
    red_line = standing_red_line_stations(year)
    if station_ids is not None:
        operating = operating.filter(pk__in=station_ids)
        all_year = all_year.filter(pk__in=station_ids)
        red_line = red_line.filter(station_id__in=station_ids)
    stations = list(
        operating.select_related("host_unit").only(*STATION_FIELDS).order_by("plaque_number")
    )
    all_year = set(all_year.values_list("pk", flat=True))
    red_lines = set(red_line.values_list("station_id", flat=True))
    # A subquery, not a list: 200,000 ids as parameters at national size.
    ids = operating.values("pk")
    revoked = set(
        StationTransition.objects.filter(
            station_id__in=ids, to_status=StationStatus.REVOKED
        ).values_list("station_id", flat=True)
    )
    orders: dict[int, int] = defaultdict(int)
    for station_id in Rectification.objects.filter(
        station_id__in=ids, deadline__year=year
    ).values_list("station_id", flat=True):
        orders[station_id] += 1
    overdue: dict[int, int] = defaultdict(int)
    for station_id in (
        overdue_orders(year, today).filter(station_id__in=ids).values_list("station_id", flat=True)
    ):
        overdue[station_id] += 1
    scores = _published_scores(year, None if station_ids is None else ids)
    minimum = settings.AWARDS_MIN_QUARTERS

    result = []
    for station in stations:
        figures = scores.get(station.pk, {})
        quarters = [figures.get(q) for q in QUARTERS]
        scored = [f.score for f in figures.values() if f.score is not None]
        candidate = Candidate(
            station=station,
            quarters=quarters,
            mean=_mean(scored),
            orders=orders[station.pk],
            orders_overdue=overdue[station.pk],
        )
        if station.pk not in all_year:
            candidate.exclude("not_all_year")
        if station.pk in red_lines:
            candidate.exclude("red_line")
        if station.pk in revoked or station.status == StationStatus.REVOKED:
            candidate.exclude("revoked")
        if candidate.orders_overdue:
            candidate.exclude("overdue")
        if len(scored) < minimum:
            candidate.exclude("few_quarters")
        result.append(candidate)

    eligible = sorted(
        (c for c in result if c.eligible),
        key=lambda c: (-c.mean, c.station.plaque_number),
    )
    if station_ids is None:
        for rank, candidate in enumerate(eligible, start=1):
            candidate.rank = rank
    return eligible + [c for c in result if not c.eligible]


def year_bounds(year: int):
    """The bounds of ``year`` from its base as it stands now (awards.rules.award_bounds)."""
    return award_bounds(award_base(year).count())


@dataclass(frozen=True)
class YearStanding:
    """A published year's count against the bounds it was selected under: titles withdrawn
    after publication can leave it below its lower bound, which the honours page states."""

    base: int
    lower: int
    upper: int
    # Excellent stations whose title stands (confirmed, not withdrawn).
    excellent: int
    # Titles of every kind withdrawn after publication.
    withdrawn: int

    @property
    def below(self) -> bool:
        return self.excellent < self.lower


# What a year's standing counts of its titles, as aggregates: read alone (year_standing) or
# in the same pass over the year's titles as other counts (the selection page counts them by
# kind: at national size each pass reads 17,000 titles, issue 26).
STANDING_COUNTS = {
    "excellent": Count(
        "id",
        filter=Q(confirmed=True, kind=AwardKind.EXCELLENT_STATION, withdrawn_at__isnull=True),
    ),
    "withdrawn": Count("id", filter=Q(confirmed=True, withdrawn_at__isnull=False)),
}


def year_standing(award_year: AwardYear, counts: dict | None = None) -> YearStanding:
    """``counts``: STANDING_COUNTS already read over all the year's titles, when they were."""
    if counts is None:
        counts = award_year.awards.aggregate(**STANDING_COUNTS)
    return YearStanding(
        base=award_year.operating_stations,
        lower=award_year.lower_bound,
        upper=award_year.upper_bound,
        excellent=counts["excellent"],
        withdrawn=counts["withdrawn"],
    )
