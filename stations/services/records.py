"""Agreements (附件2), pledges (附件3) and insurance kept on record; activation follows."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Agreement, InsurancePolicy, Pledge, Station, StationStatus
from .lifecycle import station_activate_if_complete

RECORDABLE = (StationStatus.APPROVED, StationStatus.ACTIVE, StationStatus.RECTIFYING)


@transaction.atomic
def agreement_record(*, host_unit, stations, by, **fields) -> Agreement:
    stations = list(stations)
    if not stations:
        raise ValidationError(_("Choose at least one station for the agreement."))
    for station in stations:
        if station.status not in RECORDABLE:
            raise ValidationError(
                _("%(name)s is not approved yet; agreements cover approved stations.")
                % {"name": station.name}
            )
        if station.union_id != host_unit.union_id:
            raise ValidationError(_("All stations must belong to the host unit's union."))
    agreement = Agreement.objects.create(
        union_id=host_unit.union_id,
        host_unit=host_unit,
        party_b=fields.pop("party_b", None) or "、".join(settings.PARTY_B_NAMES),
        **fields,
    )
    agreement.stations.set(stations)
    for station in stations:
        if station.host_unit_id is None:
            station.host_unit = host_unit
            station.save(update_fields=["host_unit", "updated_at"])
    transaction.on_commit(lambda: _activate_all(stations, by))
    return agreement


def _activate_all(stations, by) -> None:
    for station in stations:
        station_activate_if_complete(station=station, by=by)


@transaction.atomic
def pledge_update(*, pledge: Pledge, by, **fields) -> Pledge:
    for name, value in fields.items():
        if value is not None or name in ("received_on", "pledged_on"):
            setattr(pledge, name, value)
    pledge.save()
    station = pledge.station
    transaction.on_commit(lambda: station_activate_if_complete(station=station, by=by))
    return pledge


@transaction.atomic
def insurance_record(*, union, by, station: Station | None = None, host_unit=None, **fields):
    if station is None and host_unit is None:
        raise ValidationError(_("A policy covers a station or a host unit."))
    return InsurancePolicy.objects.create(
        union=union, station=station, host_unit=host_unit, **fields
    )


def insurance_for(station: Station):
    """Policies covering the station directly or through its host unit, newest end first."""
    from django.db.models import Q

    cover = Q(station=station)
    if station.host_unit_id:
        cover |= Q(host_unit_id=station.host_unit_id)
    return InsurancePolicy.objects.filter(cover).order_by("-ends_on")
