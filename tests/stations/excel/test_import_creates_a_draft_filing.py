from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stations.models import Audience, FilingForm, Service, StationStatus
from unions.models import CarrierType

from .builders import station_row, xlsx


def test_it_creates_a_draft_excel_filing_with_the_unit_rows(world, run_import):
    result = run_import(xlsx([station_row(1), station_row(2)]))
    assert result.ok, result.problems
    filing = result.filing
    assert filing.union == world.union_a
    assert filing.status == FilingForm.Status.DRAFT
    assert filing.source == FilingForm.Source.EXCEL
    assert filing.created_by == world.user_a
    assert (filing.unit_name, filing.head_name, filing.head_email, filing.head_phone) == (
        "黄浦区总工会",
        "王建国",
        "wang@example.org",
        "021-63211939",
    )
    assert result.station_count == 2


def test_each_row_becomes_a_draft_station_with_every_field_read(run_import):
    result = run_import(xlsx([station_row(7, services="饮水供给、雨伞借用")]))
    station = result.filing.stations.get()
    assert station.status == StationStatus.DRAFT
    assert station.union == result.filing.union
    assert station.row_number == 7
    assert station.name == "工商银行南京东路第7支行爱心接力站"
    assert station.address == "上海市黄浦区南京东路107号"
    assert station.head_name == "李红"
    assert station.head_mobile == "13812345678"
    assert station.opening_hours_text == "9:00-17:00"
    assert station.opening_hours == [
        {"days": [0, 1, 2, 3, 4, 5, 6], "start": "09:00", "end": "17:00"}
    ]
    assert station.open_24h is False
    assert station.area_m2 == Decimal("3.0")
    assert station.services == [Service.WATER, Service.OTHER]
    assert station.services_other == "雨伞借用"
    assert station.planned_completion == dt.date(2018, 10, 31)
    assert station.district == "黄浦区"
    assert station.carrier_type == CarrierType.OTHER
    assert station.audience == Audience.ALL
    assert station.host_unit is None


def test_rows_without_a_number_are_numbered_by_position(run_import):
    result = run_import(xlsx([station_row(1, seq=None), station_row(2, seq="")]))
    assert sorted(result.filing.stations.values_list("row_number", flat=True)) == [1, 2]


def test_a_round_the_clock_station_is_flagged_open_24h(run_import):
    result = run_import(xlsx([station_row(1, hours="24小时")]))
    assert result.filing.stations.get().open_24h is True
