"""Rows the orders tests need. Checks are created directly here: logging them is the
checks work's service (inspection_record), which these tests do not depend on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from inspections.models import Checklist, Inspection, InspectionKind
from stations.models import StationStatus
from tests.factories import FilingFormFactory, OperatingStationFactory


def operating_station(union, *, status=StationStatus.ACTIVE, district: str | None = None):
    """The tests' one operating station (tests/factories.py), of ``union`` (active unless
    told otherwise), in its union's district unless told another."""
    fields = {"district": district} if district else {}
    return OperatingStationFactory(filing=FilingFormFactory(union=union), status=status, **fields)


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
