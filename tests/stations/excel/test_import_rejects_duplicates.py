from __future__ import annotations

import pytest

from stations.models import FilingForm, Station, StationStatus
from tests.factories import FilingFormFactory, StationFactory

from .builders import first_station_row, station_row, xlsx

FIRST = first_station_row()


def test_the_same_name_and_address_twice_in_the_file_is_refused(run_import, nothing_saved):
    result = run_import(xlsx([station_row(1), station_row(2), station_row(1, seq=3)]))
    assert [(p.row, p.column) for p in result.problems] == [(FIRST + 2, "推荐站点名称")]
    assert str(FIRST) in result.problems[0].message  # names the first row
    nothing_saved()


def test_the_same_name_at_another_address_is_a_different_station(run_import):
    rows = [station_row(1), station_row(1, seq=2, address="上海市黄浦区南京东路999号")]
    assert run_import(xlsx(rows)).ok


def test_a_public_station_of_another_union_is_refused(world, run_import):
    filing_b = FilingFormFactory(union=world.union_b)
    row = station_row(1)
    StationFactory(
        filing=filing_b, name=row["name"], address=row["address"], status=StationStatus.ACTIVE
    )
    before = (FilingForm.objects.count(), Station.objects.count())
    result = run_import(xlsx([row, station_row(2)]))
    assert [(p.row, p.column) for p in result.problems] == [(FIRST, "推荐站点名称")]
    assert (FilingForm.objects.count(), Station.objects.count()) == before


@pytest.mark.parametrize(
    "status", [StationStatus.ACTIVE, StationStatus.DRAFT, StationStatus.REVOKED]
)
def test_any_registered_status_but_rejected_counts(world, run_import, status):
    StationFactory(
        filing=world.filing_a,
        name=station_row(1)["name"],
        address=station_row(1)["address"],
        status=status,
    )
    assert not run_import(xlsx([station_row(1)])).ok


def test_a_rejected_station_may_be_filed_again(world, run_import):
    row = station_row(1)
    StationFactory(
        filing=world.filing_a,
        name=row["name"],
        address=row["address"],
        status=StationStatus.REJECTED,
    )
    assert run_import(xlsx([row])).ok


def test_full_width_variants_of_a_registered_station_are_the_same_station(world, run_import):
    StationFactory(filing=world.filing_a, name="爱心站1号", address="南京东路1号")
    result = run_import(xlsx([station_row(1, name="爱心站１号", address="南京东路１号")]))
    assert [p.column for p in result.problems] == ["推荐站点名称"]
