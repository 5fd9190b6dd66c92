"""Stations filed with coordinates in another datum, turned into WGS-84 (issue 24).

Before the portal asked for a datum it stored whatever was typed; a union that says its
clerks copied from Amap (GCJ-02) or Baidu (BD-09) has its stations converted here, each
with a history row holding the old and new numbers. A station converted once is left alone
unless asked again: converting twice moves it a few hundred metres the wrong way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from history.models import RecordChange
from history.writer import record_change
from unions.scopes import visible

from ..datum import CELL_TEXT, Datum, to_wgs84
from ..geo import Point, haversine_km
from ..models import Station
from ..permissions import record_check


@dataclass(frozen=True)
class DatumConversion:
    converted: int
    skipped: int  # converted before, left alone
    largest_shift_m: float


def converted_before(stations, user) -> set[int]:
    rows = visible(RecordChange.objects.all(), user).filter(
        record=RecordChange.Record.STATION,
        action=RecordChange.Action.DATUM_CONVERTED,
        record_id__in=[s.pk for s in stations],
    )
    return set(rows.values_list("record_id", flat=True))


@transaction.atomic
def convert_union_datum(
    *, union, datum: str, by, station_ids=None, again: bool = False, dry_run: bool = False
) -> DatumConversion:
    """Every station of ``union`` with coordinates (or those of ``station_ids``), read as
    ``datum`` and stored in WGS-84."""
    record_check(by, "datum_conversion", union)
    if datum not in (Datum.GCJ02, Datum.BD09):
        raise ValueError(datum)
    stations = Station.objects.select_for_update().filter(
        union=union, latitude__isnull=False, longitude__isnull=False
    )
    if station_ids is not None:
        stations = stations.filter(pk__in=station_ids)
    stations = list(stations.order_by("pk"))
    done = set() if again else converted_before(stations, by)
    changed, largest = [], 0.0
    for station in stations:
        if station.pk in done:
            continue
        old = (station.latitude, station.longitude)
        station.latitude, station.longitude = to_wgs84(*old, datum)
        shift = haversine_km(
            Point(*map(float, old)), Point(*map(float, (station.latitude, station.longitude)))
        )
        largest = max(largest, shift * 1000)
        changed.append((station, old))
    if not dry_run and changed:
        # bulk_update skips auto_now: set it, so the open data's modified_after sees the move.
        moment = timezone.now()
        for station, _old in changed:
            station.updated_at = moment
        Station.objects.bulk_update(
            [s for s, _old in changed], ["latitude", "longitude", "updated_at"], 500
        )
        reason = f"{CELL_TEXT[datum]} → {CELL_TEXT[Datum.WGS84]}"
        for station, (lat, lng) in changed:
            record_change(
                record=RecordChange.Record.STATION,
                record_id=station.pk,
                union_id=station.union_id,
                action=RecordChange.Action.DATUM_CONVERTED,
                by=by,
                stations=[station],
                changes={
                    "latitude": [str(lat), str(station.latitude)],
                    "longitude": [str(lng), str(station.longitude)],
                },
                reason=reason,
            )
    return DatumConversion(len(changed), len(done), round(largest, 1))
