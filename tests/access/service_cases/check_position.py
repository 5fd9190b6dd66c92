"""Caller cases of the check position's acceptance (inspections/checks/services/position.py)."""

from __future__ import annotations

from inspections.checks.services.position import inspection_position_accept

from . import ServiceCase


def _far_check(world):
    import uuid

    from django.utils import timezone

    from inspections.checks.services.inspection import inspection_record
    from inspections.models import Checklist

    world.station_a.status = "active"
    world.station_a.latitude, world.station_a.longitude = "31.230400", "121.473700"
    world.station_a.save()
    checklist = Checklist.objects.current()
    check, _ = inspection_record(
        station=world.station_a,
        by=world.inspector,
        kind="flying",
        visited_at=timezone.now(),
        findings={item.code: True for item in checklist.items.all()},
        idempotency_key=uuid.uuid4(),
        latitude="39.904200",
        longitude="116.407400",
    )
    return check


CASES = [
    ServiceCase(
        service=inspection_position_accept,
        allowed=frozenset({"aid_center"}),
        call=lambda w, user: inspection_position_accept(
            inspection=_far_check(w), by=user, reason="现场核实"
        ),
    ),
]
