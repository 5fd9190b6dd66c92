"""A filing exported in the official layout imports back, into another union, unchanged."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from stations.models import Audience, Service, Station, StationStatus
from stations.parsing import parse_hours
from stations.services.filing_import import filing_import
from tests.factories import HostUnitFactory, StationFactory
from unions.models import CarrierType, Union

FIELDS = [
    "row_number",
    "name",
    "address",
    "head_name",
    "head_mobile",
    "opening_hours_text",
    "opening_hours",
    "open_24h",
    "area_m2",
    "services",
    "services_other",
    "planned_completion",
    "district",
    "carrier_type",
    "audience",
    "latitude",
    "longitude",
]


def station_with_hours(text: str, **fields) -> Station:
    slots, open_24h = parse_hours(text)
    return StationFactory(opening_hours_text=text, opening_hours=slots, open_24h=open_24h, **fields)


def snapshot(station: Station) -> dict:
    data = {name: getattr(station, name) for name in FIELDS}
    data["host_unit"] = station.host_unit.name if station.host_unit else None
    return data


def test_export_then_import_into_another_union_gives_the_same_data(client, world):
    host = HostUnitFactory(
        union=world.union_a, name="中国银行黄浦支行", carrier_type=CarrierType.BANK
    )
    station_with_hours(
        "周一至周五 9:00-17:00；周六 10:00-16:00",
        filing=world.filing_a,
        row_number=2,
        name="中国银行爱心接力站",
        address="上海市黄浦区中山东一路23号",
        head_mobile="13900001111",
        area_m2=Decimal("4.5"),
        services=[Service.WATER, Service.MEAL_HEATING, Service.OTHER],
        services_other="雨伞借用、急救药箱",
        planned_completion=dt.date(2018, 11, 30),
        carrier_type=CarrierType.BANK,
        host_unit=host,
        audience=Audience.SANITATION,
        latitude=Decimal("31.240100"),
        longitude=Decimal("121.490300"),
    )
    station_with_hours(
        "24小时",
        filing=world.filing_a,
        row_number=3,
        name="=SUM(A1)",
        carrier_type=CarrierType.HOTEL,
    )
    originals = [snapshot(s) for s in world.filing_a.stations.order_by("row_number")]

    client.force_login(world.user_a)
    exported = client.get(reverse("stations:filing_export", args=[world.filing_a.pk])).content
    # The registry refuses a second copy of a live station; rejected ones may be filed again.
    world.filing_a.stations.update(status=StationStatus.REJECTED)

    finance = Union.objects.get(code="finance")
    # A union files in its own name: the finance union's clerk puts it in 推荐单位名称.
    workbook = load_workbook(io.BytesIO(exported))
    for row in workbook.active.iter_rows():
        for cell in row:
            if cell.value == world.filing_a.unit_name:
                cell.value = finance.name
    refiled = io.BytesIO()
    workbook.save(refiled)
    refiled.seek(0)
    result = filing_import(file=refiled, union=finance, by=None)
    assert result.ok, [str(p) for p in result.problems]
    copies = [snapshot(s) for s in result.filing.stations.order_by("row_number")]
    assert copies == originals
    filing = result.filing
    assert (filing.unit_name, filing.head_name, filing.head_email, filing.head_phone) == (
        finance.name,
        world.filing_a.head_name,
        world.filing_a.head_email,
        world.filing_a.head_phone,
    )
    assert filing.union == finance
    assert set(Station.objects.filter(filing=filing).values_list("union", flat=True)) == {
        finance.pk
    }
