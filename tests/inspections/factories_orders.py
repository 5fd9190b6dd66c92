"""Rows the orders tests need. Checks are created directly here: logging them is the
checks work's service (inspection_record), which these tests do not depend on."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from inspections.models import Checklist, Inspection, InspectionKind
from stations.models import StationStatus
from tests.factories import FilingFormFactory, StationFactory

_plaques = itertools.count(900)


def operating_station(union, *, status=StationStatus.ACTIVE, district: str | None = None):
    """A station with a plaque that operates (active unless told otherwise)."""
    seq = next(_plaques)
    station = StationFactory(filing=FilingFormFactory(union=union), status=status)
    station.plaque_seq = seq
    station.plaque_number = f"SH{seq:05d}"
    if district:
        station.district = district
    station.save()
    return station


def checklist() -> Checklist:
    found, _ = Checklist.objects.get_or_create(version=1, defaults={"note": "test"})
    return found


def inspection(station, by, *, kind=InspectionKind.FLYING, red_line=False, score="80", days=1):
    return Inspection.objects.create(
        station=station,
        union_id=station.union_id,
        district=station.district,
        kind=kind,
        checklist=checklist(),
        by=by,
        visited_at=timezone.now() - dt.timedelta(days=days),
        score=Decimal(score),
        red_line=red_line,
    )
