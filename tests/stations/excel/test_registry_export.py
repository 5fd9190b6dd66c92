"""What the registry export writes: the job's workbook, asked for from the registry page."""

from __future__ import annotations

import pytest

from stations.models import Station, StationStatus
from tests.factories import FilingFormFactory, HostUnitFactory, StationFactory


def column(ws, field: str) -> int:
    headers = [c.value for c in ws[1]]
    return headers.index(str(Station._meta.get_field(field).verbose_name))


def names(ws) -> set[str]:
    col = column(ws, "name")
    return {row[col] for row in ws.iter_rows(min_row=2, values_only=True)}


def test_it_has_a_column_for_every_field_of_a_station(exported, world):
    headers = [c.value for c in exported(world.aid)[1]]
    assert headers == [str(field.verbose_name) for field in Station._meta.concrete_fields]


def test_it_shows_values_as_staff_read_them(exported, world):
    ws = exported(world.aid)
    headers = [c.value for c in ws[1]]
    row = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    station = world.station_a

    def cell(field):
        return row[str(Station._meta.get_field(field).verbose_name)]

    assert cell("union") == world.union_a.name
    assert cell("status") == station.get_status_display()
    assert cell("head_mobile") == station.head_mobile
    assert cell("host_unit") == world.host_a.name
    assert cell("filing") == str(world.filing_a)
    assert cell("audience") == station.get_audience_display()
    assert cell("id") == station.pk


def test_dates_and_times_are_real_dates_in_local_time(exported, world):
    from django.utils import timezone

    ws = exported(world.aid)
    station = world.station_a
    created = ws.cell(row=2, column=column(ws, "created_at") + 1)
    assert created.is_date
    local = timezone.localtime(station.created_at).replace(tzinfo=None, microsecond=0)
    assert abs((created.value - local).total_seconds()) < 1


@pytest.mark.parametrize(
    "text", ["=1+2", "+86 138", "-3", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")']
)
def test_text_a_spreadsheet_would_run_is_neutralised(exported, world, text):
    StationFactory(filing=world.filing_a, name=text, address=text, head_name=text[:50])
    ws = exported(world.aid)
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert f"'{text}" in {c.value for c in cells}
    assert text not in {c.value for c in cells}


def test_markup_stays_text(exported, world):
    markup = '<b>站</b> & <script>alert("x")</script>'
    StationFactory(filing=world.filing_a, name=markup, address="a\x07b\x1fc")
    ws = exported(world.aid)
    assert markup in names(ws)
    # Control characters XML cannot carry are dropped, never a broken file.
    addresses = {row[column(ws, "address")] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert "abc" in addresses


def test_union_staff_get_only_their_unions_stations(exported, world):
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    assert names(exported(world.user_a)) == {world.station_a.name}
    assert names(exported(world.user_b)) == {"徐汇站"}


def test_inspectors_never_get_draft_stations(exported, world):
    StationFactory(filing=world.filing_a, name="已启用站", status=StationStatus.ACTIVE)
    assert names(exported(world.inspector)) == {"已启用站"}


def test_a_district_inspector_gets_only_their_districts_stations(exported, world):
    StationFactory(filing=world.filing_a, name="黄浦站", status=StationStatus.ACTIVE)
    pudong = FilingFormFactory(union=world.union_b)
    StationFactory(filing=pudong, name="浦东站", district="浦东新区", status=StationStatus.ACTIVE)
    assert names(exported(world.inspector_own)) == {"黄浦站"}
    assert names(exported(world.inspector_other)) == {"浦东站"}
    assert names(exported(world.inspector)) == {"黄浦站", "浦东站"}


def test_it_honours_the_registry_lists_filters(exported, world):
    StationFactory(filing=world.filing_a, name="已启用站", status=StationStatus.ACTIVE)
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    assert names(exported(world.aid, {"status": "active"})) == {"已启用站"}
    assert names(exported(world.aid, {"union": "xuhui"})) == {"徐汇站"}
    assert names(exported(world.aid, {"q": "徐汇"})) == {"徐汇站"}


def test_filters_only_narrow_a_clerks_scope(exported, world):
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    assert names(exported(world.user_a, {"union": "xuhui"})) == set()


def test_a_host_unit_is_named_by_what_the_station_points_to(exported, world):
    other = HostUnitFactory(union=world.union_a, name="建设银行外滩支行")
    StationFactory(filing=world.filing_a, name="外滩站", host_unit=other)
    StationFactory(filing=world.filing_a, name="无创设单位站", host_unit=None)
    ws = exported(world.aid)
    col, host = column(ws, "name"), column(ws, "host_unit")
    hosts = {row[col]: row[host] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert hosts["外滩站"] == "建设银行外滩支行"
    assert hosts["无创设单位站"] is None
