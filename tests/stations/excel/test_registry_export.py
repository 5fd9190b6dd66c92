from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import Station, StationStatus
from tests.factories import FilingFormFactory, StationFactory

from .helpers import workbook_of

URL = reverse("stations:registry_export")


def sheet(client, user, query: str = ""):
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return workbook_of(response).active


def names(ws) -> set[str]:
    headers = [c.value for c in ws[1]]
    col = headers.index(str(Station._meta.get_field("name").verbose_name))
    return {row[col] for row in ws.iter_rows(min_row=2, values_only=True)}


def test_it_has_a_column_for_every_field_of_a_station(client, world):
    headers = [c.value for c in sheet(client, world.aid)[1]]
    for field in Station._meta.concrete_fields:
        assert str(field.verbose_name) in headers


def test_it_shows_values_as_staff_read_them(client, world):
    ws = sheet(client, world.aid)
    headers = [c.value for c in ws[1]]
    row = dict(zip(headers, [c.value for c in ws[2]], strict=True))
    station = world.station_a
    assert row[str(Station._meta.get_field("union").verbose_name)] == world.union_a.name
    assert row[str(Station._meta.get_field("status").verbose_name)] == station.get_status_display()
    assert row[str(Station._meta.get_field("head_mobile").verbose_name)] == station.head_mobile
    assert row[str(Station._meta.get_field("host_unit").verbose_name)] == world.host_a.name


@pytest.mark.parametrize(
    "text", ["=1+2", "+86 138", "-3", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")']
)
def test_text_a_spreadsheet_would_run_is_neutralised(client, world, text):
    StationFactory(filing=world.filing_a, name=text, address=text, head_name=text[:50])
    ws = sheet(client, world.aid)
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert f"'{text}" in {c.value for c in cells}
    assert text not in {c.value for c in cells}


def test_union_staff_get_only_their_unions_stations(client, world):
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    assert names(sheet(client, world.user_a)) == {world.station_a.name}
    assert names(sheet(client, world.user_b)) == {"徐汇站"}


def test_inspectors_never_get_draft_stations(client, world):
    StationFactory(filing=world.filing_a, name="已启用站", status=StationStatus.ACTIVE)
    assert names(sheet(client, world.inspector)) == {"已启用站"}


def test_it_honours_the_registry_lists_filters(client, world):
    StationFactory(filing=world.filing_a, name="已启用站", status=StationStatus.ACTIVE)
    StationFactory(filing=FilingFormFactory(union=world.union_b), name="徐汇站")
    assert names(sheet(client, world.aid, "?status=active")) == {"已启用站"}
    assert names(sheet(client, world.aid, "?union=xuhui")) == {"徐汇站"}
    assert names(sheet(client, world.aid, "?q=徐汇")) == {"徐汇站"}


def test_the_download_is_a_private_attachment(client, world):
    client.force_login(world.aid)
    response = client.get(URL)
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
