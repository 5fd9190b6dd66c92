from __future__ import annotations

import pytest

from .builders import first_station_row, station_row, xlsx


def district_of(result) -> str:
    assert result.ok, [str(p) for p in result.problems]
    return result.filing.stations.get().district


def test_a_district_union_files_in_its_own_district(run_import):
    row = station_row(1, address="南京东路1号")  # no district in the address
    assert district_of(run_import(xlsx([row]))) == "黄浦区"


@pytest.mark.parametrize(
    ("address", "district"),
    [
        ("上海市浦东新区张杨路500号", "浦东新区"),
        ("徐汇区漕溪北路1号", "徐汇区"),
        ("浦东张江路1号", "浦东新区"),
        ("黄浦南京东路1号", "黄浦区"),
        ("上海市静安区南京西路1号（近黄浦区）", "静安区"),
    ],
)
def test_an_industry_union_gets_the_district_from_the_address(
    run_import, industry_union, address, district
):
    result = run_import(xlsx([station_row(1, address=address)]), union=industry_union)
    assert district_of(result) == district


@pytest.mark.parametrize("typed", ["闵行区", "闵行", " 闵行 "])
def test_the_optional_district_column_wins_over_the_address(run_import, industry_union, typed):
    row = station_row(1, address="某路1号", district=typed)
    result = run_import(xlsx([row], extras=("district",)), union=industry_union)
    assert district_of(result) == "闵行区"


def test_an_industry_unions_row_without_any_district_is_refused(
    run_import, industry_union, nothing_saved
):
    result = run_import(xlsx([station_row(1, address="南京东路1号")]), union=industry_union)
    assert [(p.row, p.column) for p in result.problems] == [(first_station_row(), "地址")]
    assert "所在区" in result.problems[0].message
    nothing_saved()


def test_an_unknown_district_name_is_refused(run_import, industry_union):
    row = station_row(1, district="朝阳区")
    result = run_import(xlsx([row], extras=("district",)), union=industry_union)
    assert [p.column for p in result.problems] == ["所在区"]


def test_a_district_union_cannot_file_a_station_in_another_district(run_import):
    row = station_row(1, district="徐汇区")
    result = run_import(xlsx([row], extras=("district",)))
    assert [p.column for p in result.problems] == ["所在区"]
