"""Logging a check (INSPECTION_ACTIONS and KINDS_BY_ROLE) and the checklist it is scored on."""

from __future__ import annotations

import uuid

from django.utils import timezone

from inspections.checks.services.checklist import checklist_new_version
from inspections.checks.services.inspection import inspection_record
from inspections.models import Checklist, InspectionKind

from ..service_cases import ServiceCase
from ._build import AID_OR_ADMIN, INSPECTORS_AT_A, UNION_A, station


def _log(world, user, kind):
    checklist = Checklist.objects.current()
    return inspection_record(
        station=station(world),
        by=user,
        kind=kind,
        visited_at=timezone.now(),
        findings={item.code: True for item in checklist.items.all()},
        idempotency_key=uuid.uuid4(),
    )


def _items():
    return [
        {"code": "open", "group": "hours", "label": "按时开放", "weight": 60, "red_line": True},
        {"code": "water", "group": "services", "label": "饮水", "weight": 40},
    ]


CASES = [
    # The supervision team's check: inspectors whose scope covers the station.
    ServiceCase(
        inspection_record,
        INSPECTORS_AT_A,
        lambda w, u: _log(w, u, InspectionKind.FLYING),
        label="a flying inspection of union A's station",
    ),
    # The union's own evaluation: its own staff only (union B's clerk is refused).
    ServiceCase(
        inspection_record,
        UNION_A,
        lambda w, u: _log(w, u, InspectionKind.SELF_CHECK),
        label="a self-check of union A's station",
    ),
    ServiceCase(
        checklist_new_version,
        AID_OR_ADMIN,
        lambda w, u: checklist_new_version(by=u, items=_items(), note="精简"),
    ),
]
