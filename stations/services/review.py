"""The aid center's review: acceptance (验收) against 六有, then approval and numbering."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Acceptance, Pledge, Station, StationStatus
from .lifecycle import check_transition, station_approve


@transaction.atomic
def acceptance_record(*, station: Station, by, checked_on: dt.date, notes: str = "", **standards):
    return Acceptance.objects.create(
        station=station,
        union_id=station.union_id,
        by=by,
        checked_on=checked_on,
        notes=notes,
        **standards,
    )


ALL_SIX = {
    "has_place": True,
    "has_sign": True,
    "has_staff": True,
    "has_service": True,
    "has_facilities": True,
    "has_support": True,
}


def latest_acceptance(station: Station) -> Acceptance | None:
    return station.acceptances.order_by("-checked_on", "-id").first()


@transaction.atomic
def station_accept_and_approve(
    *, station: Station, by, accepted_all_six: bool = False, reason: str = ""
) -> Station:
    """Approve a station whose latest acceptance passed all six standards.

    With ``accepted_all_six`` the officer declares, in the same step, an on-site acceptance
    that met all six standards (the bulk approval of a morning's queue).
    """
    # Decide on the row as it is now, not on the caller's possibly stale copy.
    station = Station.objects.select_for_update().get(pk=station.pk)
    check_transition(station, StationStatus.APPROVED, by)
    if accepted_all_six:
        acceptance_record(station=station, by=by, checked_on=timezone.localdate(), **ALL_SIX)
    acceptance = latest_acceptance(station)
    if acceptance is None or not acceptance.passed:
        raise ValidationError(
            _("Record an acceptance that meets all six standards (六有) before approving.")
        )
    station = station_approve(station=station, by=by, reason=reason)
    # The pledge (附件3) carries the new number; the union has PLEDGE_DUE_DAYS to hand it in.
    Pledge.objects.get_or_create(
        station=station,
        defaults={
            "union_id": station.union_id,
            "pledging_unit": station.host_unit.name if station.host_unit else station.name,
            "service_hours": station.opening_hours_text,
            "head_name": station.head_name,
            "due_by": timezone.localdate() + dt.timedelta(days=settings.PLEDGE_DUE_DAYS),
        },
    )
    return station
