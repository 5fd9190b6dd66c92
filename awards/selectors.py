"""Reads for the annual selection: the year's base, its standing red lines and its ranked
candidates.

The base of the 5%–8% bounds (``award_base``, 四、(五); DESIGN: Scoring, Awards): the stations
that operated the whole year (``Station.objects.operated_all_year``: activated on or before
1 January, still active or rectifying when 31 December ended) with no standing red-line
result in the year (``standing_red_line_stations``).

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
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.models import (
    INDEPENDENT_KINDS,
    Appeal,
    AppealStatus,
    Inspection,
    InspectionStatus,
    Rectification,
    StationQuarterScore,
)
from inspections.models.assessment import AssessmentStatus
from stations.models import Station, StationStatus, StationTransition, year_window
from unions.roles import INSPECTOR

from .models import AwardKind, AwardYear
from .rules import award_bounds

QUARTERS = (1, 2, 3, 4)

NOT_ALL_YEAR = _("not operating all year")
RED_LINE = _("a red-line finding of the supervision team stands")
REVOKED = _("revoked")
OVERDUE = _("overdue rectification order")
TOO_FEW_QUARTERS = _("too few published quarterly scores")


def standing_red_line_stations(year: int) -> QuerySet:
    """The ids of the stations with a standing red-line result in ``year``.

    The one place of this rule, so that it can follow the quarterly assessment: once the
    published quarters carry their own red-line flag (StationQuarterScore), this reads the
    flag of the year's published quarters instead. Until then a red line stands when the
    supervision team found it: a recorded (not voided) check of an independent kind, made by
    an inspector, with a red-line finding, visited in the year (city time), and no appeal
    against it upheld (an open, dismissed or partly upheld appeal leaves the finding as it
    was found; an upheld one voids the check).
    """
    start, end = year_window(year)
    upheld = Appeal.objects.filter(inspection=OuterRef("pk"), status=AppealStatus.UPHELD)
    return (
        Inspection.objects.filter(
            kind__in=INDEPENDENT_KINDS,
            by__profile__role__in=INSPECTOR,
            status=InspectionStatus.RECORDED,
            red_line=True,
            visited_at__gte=start,
            visited_at__lt=end,
        )
        .exclude(Exists(upheld))
        .values("station_id")
    )


def award_base(year: int) -> QuerySet[Station]:
    """The base of the year's 5%–8% bounds (module docstring)."""
    return Station.objects.operated_all_year(year).exclude(pk__in=standing_red_line_stations(year))


def overdue_orders(year: int, today: dt.date | None = None) -> QuerySet[Rectification]:
    """Orders whose deadline fell in the year, has passed, and was not met."""
    today = today or timezone.localdate()
    return Rectification.objects.filter(deadline__year=year, deadline__lt=today).filter(
        Q(closed_at__isnull=True) | Q(closed_at__date__gt=F("deadline"))
    )


@dataclass
class QuarterFigure:
    quarter: int
    score: Decimal | None
    satisfaction: Decimal | None
    rectifications: int
    rectifications_late: int


@dataclass
class Candidate:
    station: Station
    quarters: list[QuarterFigure | None]
    mean: Decimal | None
    orders: int = 0
    orders_overdue: int = 0
    exclusions: list = field(default_factory=list)
    rank: int | None = None

    @property
    def eligible(self) -> bool:
        return not self.exclusions

    @property
    def quarters_scored(self) -> int:
        return sum(1 for q in self.quarters if q is not None and q.score is not None)


def _published_scores(year: int) -> dict[int, dict[int, StationQuarterScore]]:
    rows = StationQuarterScore.objects.filter(
        assessment__year=year, assessment__status=AssessmentStatus.PUBLISHED
    ).values(
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


def candidates(year: int, *, today: dt.date | None = None) -> list[Candidate]:
    """Every station operating when the year ended, eligible ones ranked first (rank 1, 2,
    …), then the others with the reasons they are left out."""
    stations = list(
        Station.objects.operating_on(dt.date(year, 12, 31))
        .select_related("union", "host_unit")
        .order_by("plaque_number")
    )
    all_year = set(Station.objects.operated_all_year(year).values_list("pk", flat=True))
    red_lines = set(standing_red_line_stations(year).values_list("station_id", flat=True))
    ids = [s.pk for s in stations]
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
    scores = _published_scores(year)
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
            candidate.exclusions.append(NOT_ALL_YEAR)
        if station.pk in red_lines:
            candidate.exclusions.append(RED_LINE)
        if station.pk in revoked or station.status == StationStatus.REVOKED:
            candidate.exclusions.append(REVOKED)
        if candidate.orders_overdue:
            candidate.exclusions.append(OVERDUE)
        if len(scored) < minimum:
            candidate.exclusions.append(TOO_FEW_QUARTERS)
        result.append(candidate)

    eligible = sorted(
        (c for c in result if c.eligible),
        key=lambda c: (-c.mean, c.station.plaque_number),
    )
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


def year_standing(award_year: AwardYear) -> YearStanding:
    awards = award_year.awards.filter(confirmed=True)
    return YearStanding(
        base=award_year.operating_stations,
        lower=award_year.lower_bound,
        upper=award_year.upper_bound,
        excellent=awards.filter(
            kind=AwardKind.EXCELLENT_STATION, withdrawn_at__isnull=True
        ).count(),
        withdrawn=awards.filter(withdrawn_at__isnull=False).count(),
    )
