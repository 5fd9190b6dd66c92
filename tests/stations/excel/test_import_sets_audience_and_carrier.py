from __future__ import annotations

import pytest

from stations.models import Audience
from unions.models import CarrierType, HostUnit

from .builders import station_row, xlsx


def only_station(result):
    assert result.ok, [str(p) for p in result.problems]
    return result.filing.stations.get()


def test_the_greening_union_files_sanitation_only_stations_by_default(run_import, greening_union):
    row = station_row(1, address="上海市黄浦区南京东路1号")
    assert (
        only_station(run_import(xlsx([row]), union=greening_union)).audience == Audience.SANITATION
    )


def test_other_unions_file_stations_for_all_outdoor_workers(run_import):
    assert only_station(run_import(xlsx([station_row(1)]))).audience == Audience.ALL


@pytest.mark.parametrize(
    ("typed", "audience"),
    [
        ("全体户外职工", Audience.ALL),
        ("户外职工", Audience.ALL),
        ("环卫工人", Audience.SANITATION),
        ("环卫", Audience.SANITATION),
    ],
)
def test_the_audience_column_says_otherwise(run_import, greening_union, typed, audience):
    row = station_row(1, audience=typed)
    result = run_import(xlsx([row], extras=("audience",)), union=greening_union)
    assert only_station(result).audience == audience


def test_an_unknown_audience_is_refused(run_import):
    result = run_import(xlsx([station_row(1, audience="学生")], extras=("audience",)))
    assert [p.column for p in result.problems] == ["服务对象"]


@pytest.mark.parametrize(
    ("typed", "carrier"),
    [
        ("银行", CarrierType.BANK),
        ("工商银行", CarrierType.BANK),
        ("通讯营业网点", CarrierType.TELECOM),
        ("超市卖场", CarrierType.SUPERMARKET),
        ("药房", CarrierType.RETAIL),
        ("饭店", CarrierType.RESTAURANT),
        ("快捷酒店", CarrierType.HOTEL),
        ("高校门卫", CarrierType.UNIVERSITY),
        ("区职工服务中心", CarrierType.WORKER_CENTRE),
        ("街镇党建服务中心", CarrierType.PARTY_CENTRE),
        ("基层服务站", CarrierType.GRASSROOTS),
        ("bank", CarrierType.BANK),
        ("加油站", CarrierType.OTHER),
    ],
)
def test_the_carrier_column_is_matched_to_a_carrier_type(run_import, typed, carrier):
    result = run_import(xlsx([station_row(1, carrier=typed)], extras=("carrier",)))
    assert only_station(result).carrier_type == carrier


def test_without_a_carrier_column_the_carrier_is_other(run_import):
    assert only_station(run_import(xlsx([station_row(1)]))).carrier_type == CarrierType.OTHER


def test_host_units_are_created_once_and_reused(world, run_import):
    existing = HostUnit.objects.create(
        union=world.union_a, name="工商银行黄浦支行", carrier_type=CarrierType.BANK
    )
    rows = [
        station_row(1, host_unit="工商银行黄浦支行", carrier="银行"),
        station_row(2, host_unit="联华超市", carrier="超市"),
        station_row(3, host_unit="联华超市", carrier="超市"),
    ]
    result = run_import(xlsx(rows, extras=("carrier", "host_unit")))
    stations = list(result.filing.stations.order_by("row_number"))
    assert stations[0].host_unit == existing
    assert stations[1].host_unit == stations[2].host_unit
    assert stations[1].host_unit.carrier_type == CarrierType.SUPERMARKET
    assert HostUnit.objects.filter(union=world.union_a, name="联华超市").count() == 1


def test_coordinates_are_read_in_pairs(run_import):
    row = station_row(1, longitude=121.4737, latitude="31.2304")
    station = only_station(run_import(xlsx([row], extras=("longitude", "latitude"))))
    assert (str(station.latitude), str(station.longitude)) == ("31.230400", "121.473700")


def test_a_lonely_or_faraway_coordinate_is_refused(run_import):
    rows = [station_row(1, longitude=121.47), station_row(2, longitude=116.4, latitude=39.9)]
    result = run_import(xlsx(rows, extras=("longitude", "latitude")))
    assert [p.column for p in result.problems] == ["纬度", "纬度"]
