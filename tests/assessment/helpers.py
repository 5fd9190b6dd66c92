"""Small factories for the assessment tests: checks, feedback and orders made directly in
the tables the inspections and feedback work fills, so that these tests do not depend on
their services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from inspections.models import (
    Appeal,
    Checklist,
    Finding,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Rectification,
    RectificationStatus,
)
from stations.models import Station, StationStatus
from stations.models.feedback import Feedback, FeedbackStatus
from tests.factories import FilingFormFactory, OperatingStationFactory

ZONE = timezone.get_default_timezone()
# A day inside 2025 Q1, and one inside Q2.
Q1_DAY = dt.datetime(2025, 2, 10, 10, 0, tzinfo=ZONE)
Q2_DAY = dt.datetime(2025, 5, 10, 10, 0, tzinfo=ZONE)
_plaques = iter(range(7000, 99999))


def checklist() -> Checklist:
    return Checklist.objects.order_by("version").first() or Checklist.objects.create(version=1)


def operating_station(
    union=None,
    *,
    district: str = "",
    activated: dt.datetime | None = None,
    audience: str = "all",
    status: str = StationStatus.ACTIVE,
) -> Station:
    filing = FilingFormFactory(union=union) if union else FilingFormFactory()
    seq = next(_plaques)
    extra = {"district": district} if district else {}
    return OperatingStationFactory(
        filing=filing,
        status=status,
        plaque_seq=seq,
        approved_at=activated or dt.datetime(2024, 1, 1, tzinfo=ZONE),
        activated_at=activated or dt.datetime(2024, 1, 2, tzinfo=ZONE),
        audience=audience,
        **extra,
    )


def check(
    station: Station,
    score,
    *,
    kind=InspectionKind.FLYING,
    by,
    when=Q1_DAY,
    status=InspectionStatus.RECORDED,
) -> Inspection:
    return Inspection.objects.create(
        station=station,
        union=station.union,
        district=station.district,
        kind=kind,
        checklist=checklist(),
        by=by,
        visited_at=when,
        score=Decimal(str(score)),
        status=status,
    )


def red_line_check(station: Station, score, *, by, items=("plaque_posted",), **kwargs):
    """A check whose red-line ``items`` (checklist codes) were found not met, with those
    findings on file (the words the rankings name)."""
    inspection = check(station, score, by=by, **kwargs)
    Inspection.objects.filter(pk=inspection.pk).update(red_line=True)
    inspection.red_line = True
    version = inspection.checklist
    Finding.objects.bulk_create(
        Finding(inspection=inspection, item=item, met=item.code not in items)
        for item in version.items.all()
    )
    return inspection


def feedback(station: Station, *ratings: int, when=Q1_DAY, status=FeedbackStatus.VISIBLE):
    rows = [
        Feedback.objects.create(station=station, union=station.union, rating=r, status=status)
        for r in ratings
    ]
    # created_at is auto_now_add: place the rows in the quarter afterwards.
    Feedback.objects.filter(pk__in=[r.pk for r in rows]).update(created_at=when)
    return rows


def order(
    station: Station, *, by, deadline: dt.date, closed_on: dt.date | None = None, status=None
) -> Rectification:
    closed_at = dt.datetime.combine(closed_on, dt.time(15, 0), tzinfo=ZONE) if closed_on else None
    return Rectification.objects.create(
        station=station,
        union=station.union,
        district=station.district,
        opened_by=by,
        deadline=deadline,
        status=status or (RectificationStatus.CLOSED if closed_on else RectificationStatus.OPEN),
        closed_at=closed_at,
    )


def appeal(inspection: Inspection, *, by) -> Appeal:
    return Appeal.objects.create(
        inspection=inspection,
        union=inspection.union,
        district=inspection.district,
        reason="检查时站点正在开放",
        by=by,
    )


def computed_quarter(world, *, year: int = 2025, quarter: int = 1, scores=(90, 70)):
    """Two checked stations, one per union, and the quarter computed (a draft)."""
    from inspections.assessment.services.assessment import assessment_run

    when = Q1_DAY if quarter == 1 else Q2_DAY
    stations = []
    for union, score in zip((world.union_a, world.union_b), scores, strict=True):
        station = operating_station(union)
        check(station, score, by=world.inspector, when=when)
        stations.append(station)
    return assessment_run(year=year, quarter=quarter, by=world.aid), stations
