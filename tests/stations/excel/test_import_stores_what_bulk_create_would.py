"""The import inserts its stations with the columns they share prepared once (issue 26): the
rows stored are the ones Django's bulk_create would store from the same values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.forms.models import model_to_dict

from history.models import RecordChange
from history.writer import stations_recorded
from stations.models import Station, StationStatus
from stations.services.filing_import import _StationInsert
from tests.factories import FilingFormFactory, HostUnitFactory

ROW = {
    "name": "中国邮政南京东路营业所爱心接力站",
    "address": "上海市黄浦区南京东路1号",
    "head_name": "李红",
    "head_mobile": "13812345678",
    "opening_hours_text": "9:00-17:00",
    "opening_hours": [{"days": [0, 1, 2, 3, 4], "open": "09:00", "close": "17:00"}],
    "open_24h": False,
    "area_m2": Decimal("3.5"),
    "services": ["water", "charging"],
    "services_other": "",
    "planned_completion": dt.date(2018, 12, 1),
    "district": "黄浦区",
    "carrier_type": "bank",
    "audience": "all",
    "latitude": Decimal("31.235000"),
    "longitude": Decimal("121.480000"),
}
TIMES = ("id", "created_at", "updated_at")


def insert(same: dict, rows: list[dict]) -> None:
    """As the import does: the stations inserted, then recorded (and so announced)."""
    _StationInsert(**same).rows(rows)
    stations = Station.objects.filter(filing=same["filing"])
    stations_recorded(stations, action=RecordChange.Action.IMPORTED, by=None)


def stored(station: Station) -> dict:
    station.refresh_from_db()
    return {k: v for k, v in model_to_dict(station).items() if k not in TIMES}


def test_a_station_is_stored_as_bulk_create_stores_it(db):
    filing = FilingFormFactory()
    host = HostUnitFactory(union=filing.union)
    same = {"filing": filing, "union": filing.union, "status": StationStatus.DRAFT}
    Station.objects.bulk_create([Station(**same, **ROW, row_number=7, host_unit=host)])
    insert(same, [{**ROW, "row_number": 7, "host_unit_id": host.pk}])
    by_django, by_import = Station.objects.filter(filing=filing).order_by("pk")
    assert stored(by_import) == stored(by_django)
    assert by_import.created_at is not None and by_import.updated_at is not None


def test_a_column_some_rows_leave_out_takes_its_default(db):
    filing = FilingFormFactory()
    same = {"filing": filing, "union": filing.union, "status": StationStatus.DRAFT}
    insert(same, [{**ROW, "host_unit_id": None}, {**ROW, "name": "第二站", "row_number": 2}])
    first, second = Station.objects.filter(filing=filing).order_by("pk")
    assert (first.row_number, second.row_number) == (1, 2)
    assert second.host_unit_id is None
