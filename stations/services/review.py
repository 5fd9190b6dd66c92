"""The aid center's acceptance (验收) against the 六有 standard; approval is in lifecycle."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from history.models import RecordChange
from history.writer import record_change

from ..models import Acceptance, Station
from ..permissions import record_check

ALL_SIX = {
    "has_place": True,
    "has_sign": True,
    "has_staff": True,
    "has_service": True,
    "has_facilities": True,
    "has_support": True,
}


@transaction.atomic
def acceptance_record(*, station: Station, by, checked_on: dt.date, notes: str = "", **standards):
    record_check(by, "acceptance", station)
    acceptance = Acceptance.objects.create(
        station=station,
        union_id=station.union_id,
        by=by,
        checked_on=checked_on,
        notes=notes,
        **standards,
    )
    record_change(
        record=RecordChange.Record.ACCEPTANCE,
        record_id=acceptance.pk,
        union_id=station.union_id,
        action=RecordChange.Action.RECORDED,
        by=by,
        stations=[station],
        changes={"passed": ["", str(acceptance.passed)]},
    )
    return acceptance


def latest_acceptance(station: Station) -> Acceptance | None:
    return station.acceptances.order_by("-checked_on", "-id").first()
