"""Reads for the annual selection: the year's operating stations and its ranked candidates.

Eligibility, written once here (the candidates page prints the same rules):
- operating all year: activated on or before 1 January of the year (``activated_at`` before
  2 January 00:00, city time) and not revoked or closed before the year ended, so it was
  active or rectifying on 31 December;
- never revoked, at any time, up to the day of the selection (取消资格 is final);
- no overdue rectification order: none with its deadline in the year that was not closed by
  its deadline (still open past it, or closed only after it);
- a published quarterly score in at least ``AWARDS_MIN_QUARTERS`` of the year's quarters.
Eligible stations rank by the mean of their published quarterly scores, best first; ties go
to the lower plaque number (the older station), so the order is the same on every run.
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

from inspections.models import Rectification, StationQuarterScore
from inspections.models.assessment import AssessmentStatus
from stations.models import Station, StationStatus, StationTransition

from .rules import award_bounds, year_window

# Moves that take a station out of operation for good.
OUT_OF_OPERATION = (StationStatus.REVOKED, StationStatus.CLOSED)
QUARTERS = (1, 2, 3, 4)

NOT_ALL_YEAR = _("not operating all year")
REVOKED = _("revoked")
OVERDUE = _("overdue rectification order")
TOO_FEW_QUARTERS = _("too few published quarterly scores")


def operating_stations(year: int) -> QuerySet[Station]:
    """The base of the 5%–8% bounds: every station operating on 31 December of the year
    (activated before the year ended and not revoked or closed by then)."""
    _start, end = year_window(year)
    left = StationTransition.objects.filter(
        station=OuterRef("pk"), to_status__in=OUT_OF_OPERATION, at__lt=end
    )
    return Station.objects.filter(activated_at__lt=end).exclude(Exists(left))


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
    """Every station operating at the year's end, eligible ones ranked first (rank 1, 2, …),
    then the others with the reasons they are left out."""
    start, _end = year_window(year)
    all_year_from = start + dt.timedelta(days=1)  # activated on 1 January still counts
    stations = list(
        operating_stations(year).select_related("union", "host_unit").order_by("plaque_number")
    )
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
        if station.activated_at is None or station.activated_at >= all_year_from:
            candidate.exclusions.append(NOT_ALL_YEAR)
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
    """The bounds of ``year`` from its operating stations now (awards.rules.award_bounds)."""
    return award_bounds(operating_stations(year).count())
