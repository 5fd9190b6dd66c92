"""Small factories for the awards tests: operating stations and published quarterly scores
(the assessment work makes real ones; these rows are what awards reads of them)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone

from inspections.assessment.models import AssessmentStatus
from inspections.models import QuarterlyAssessment, StationQuarterScore
from stations.models import StationStatus
from tests.factories import (
    FilingFormFactory,
    HostUnitFactory,
    OperatingStationFactory,
)
from unions.models import Union

YEAR = 2025
_plaques = count(1)


def at(year: int, month: int = 1, day: int = 1) -> dt.datetime:
    return dt.datetime(year, month, day, 9, tzinfo=timezone.get_default_timezone())


def operating_station(*, union=None, activated=None, host_unit=None, **fields):
    """An active, numbered station, operating since the middle of the year before."""
    union = union or Union.objects.get(code="huangpu")
    return OperatingStationFactory(
        filing=FilingFormFactory(union=union),
        # Its own host unit, with no superior unit named: the partner is the host unit.
        host_unit=host_unit or HostUnitFactory(union=union, parent_unit=""),
        status=fields.pop("status", StationStatus.ACTIVE),
        plaque_seq=next(_plaques),
        activated_at=activated or at(YEAR - 1, 6, 1),
        **fields,
    )


def title(award_year, kind, **fields):
    """A title of ``kind`` in ``award_year`` for a new operating station, as the selection
    names it (its name and citation may be given)."""
    from awards.models import Award

    station = operating_station()
    return Award.objects.create(
        award_year=award_year,
        kind=kind,
        station=station,
        union=station.union,
        district=station.district,
        name=fields.pop("name", station.name),
        station_name=station.name,
        plaque_number=station.plaque_number,
        citation=fields.pop("citation", "服务热情"),
        **fields,
    )


def assessment(year: int = YEAR, quarter: int = 1, status=AssessmentStatus.PUBLISHED):
    found = QuarterlyAssessment.objects.filter(year=year, quarter=quarter, status=status).first()
    versions = QuarterlyAssessment.objects.filter(year=year, quarter=quarter).count()
    return found or QuarterlyAssessment.objects.create(
        year=year, quarter=quarter, status=status, version=versions + 1
    )


def scores(station, values, *, year: int = YEAR, status=AssessmentStatus.PUBLISHED, red_line_in=()):
    """One StationQuarterScore per value, quarters 1, 2, … of ``year``; the quarters named in
    ``red_line_in`` are 不合格 (a standing red line)."""
    for quarter, value in enumerate(values, start=1):
        StationQuarterScore.objects.create(
            assessment=assessment(year, quarter, status),
            station=station,
            union=station.union,
            district=station.district,
            audience=station.audience,
            timeliness=Decimal("100"),
            satisfaction=Decimal("90"),
            score=None if value is None else Decimal(str(value)),
            red_line=quarter in red_line_in,
        )


@pytest.fixture
def station_with_scores(db):
    def make(values=(90, 90, 90, 90), **fields):
        station = operating_station(**fields)
        scores(station, values)
        return station

    return make
