"""Agreements (附件2), pledges (附件3) and insurance kept on record; activation follows.

Each function writes its RecordChange rows and, where the record may be the last one
missing, activates the station inside the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import diff, record_change, snapshot

from ..models import HOLDS_PLAQUE, Agreement, InsurancePolicy, Pledge, Station
from ..permissions import record_check
from .lifecycle import station_activate_if_complete

PLEDGE_FIELDS = (
    "pledging_unit",
    "service_hours",
    "head_name",
    "pledged_on",
    "due_by",
    "received_on",
    "scan",
)


@transaction.atomic
def agreement_record(*, host_unit, stations, by, **fields) -> Agreement:
    stations = list(stations)
    record_check(by, "agreement", host_unit, *stations)
    if not stations:
        raise ValidationError(_("Choose at least one station for the agreement."))
    for station in stations:
        if station.status not in HOLDS_PLAQUE:
            raise ValidationError(
                _("%(name)s is not approved yet; agreements cover approved stations.")
                % {"name": station.name}
            )
        if station.union_id != host_unit.union_id:
            raise ValidationError(_("All stations must belong to the host unit's union."))
        # Party A signs for its own stations only (a bank cannot sign for a supermarket's).
        if station.host_unit_id not in (None, host_unit.pk):
            raise ValidationError(
                _("%(name)s is hosted by %(host)s, not by %(party_a)s.")
                % {"name": station.name, "host": station.host_unit, "party_a": host_unit.name}
            )
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
    record_change(
        record=RecordChange.Record.AGREEMENT,
        record_id=agreement.pk,
        union_id=agreement.union_id,
        action=RecordChange.Action.RECORDED,
        by=by,
        stations=stations,
        changes={"host_unit": ["", host_unit.name], "signed_on": ["", str(agreement.signed_on)]},
    )
    for station in stations:
        station_activate_if_complete(station=station, by=by)
    return agreement


@transaction.atomic
def pledge_update(*, pledge: Pledge, by, **fields) -> Pledge:
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    record_check(by, "pledge", pledge)
    before = snapshot(pledge, PLEDGE_FIELDS)
    had_scan = bool(pledge.scan)
    for name, value in fields.items():
        if value is not None or name in ("received_on", "pledged_on"):
            setattr(pledge, name, value)
    pledge.save()
    changes = diff(before, pledge)
    if changes:
        if "received_on" in changes and pledge.received_on and not before["received_on"]:
            action = RecordChange.Action.RECEIVED
        elif "scan" in changes:
            action = (
                RecordChange.Action.SCAN_REPLACED if had_scan else RecordChange.Action.SCAN_ADDED
            )
        else:
            action = RecordChange.Action.EDITED
        record_change(
            record=RecordChange.Record.PLEDGE,
            record_id=pledge.pk,
            union_id=pledge.union_id,
            action=action,
            by=by,
            stations=[pledge.station],
            changes=changes,
        )
    station_activate_if_complete(station=pledge.station, by=by)
    return pledge


@transaction.atomic
def insurance_record(*, union, by, station: Station | None = None, host_unit=None, **fields):
    record_check(by, "insurance", union, station, host_unit)
    if station is None and host_unit is None:
        raise ValidationError(_("A policy covers a station or a host unit."))
    policy = InsurancePolicy.objects.create(
        union=union, station=station, host_unit=host_unit, **fields
    )
    covered = [station] if station is not None else list(host_unit.stations.all())
    record_change(
        record=RecordChange.Record.INSURANCE,
        record_id=policy.pk,
        union_id=union.pk,
        action=RecordChange.Action.RECORDED,
        by=by,
        stations=covered,
        changes={
            "policy_number": ["", policy.policy_number],
            "ends_on": ["", str(policy.ends_on)],
        },
    )
    return policy


def insurance_for(station: Station):
    """Policies covering the station directly or through its host unit, newest end first."""
    cover = Q(station=station)
    if station.host_unit_id:
        cover |= Q(host_unit_id=station.host_unit_id)
    return InsurancePolicy.objects.filter(cover).order_by("-ends_on")
