from __future__ import annotations

from django.urls import reverse

from tests.factories import StationFactory

from .helpers import download_name, workbook_of


def url(filing) -> str:
    return reverse("stations:filing_export", args=[filing.pk])


def test_union_staff_download_their_filing_in_the_official_layout(client, world):
    StationFactory(filing=world.filing_a, row_number=2, name="第二站", head_mobile="13900001111")
    client.force_login(world.user_a)
    response = client.get(url(world.filing_a))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert download_name(response).endswith(f"-{world.filing_a.pk}.xlsx")
    ws = workbook_of(response).active
    assert ws["C2"].value == world.filing_a.unit_name
    assert ws["H2"].value == world.filing_a.head_name
    assert ws["C3"].value == world.filing_a.head_email
    assert ws["H3"].value == world.filing_a.head_phone
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=7, max_row=8)]
    assert rows[0][1] == world.station_a.name
    assert rows[1][:2] == [2, "第二站"]
    assert rows[1][4] == "13900001111"


def test_another_unions_staff_get_404(client, world):
    client.force_login(world.user_b)
    assert client.get(url(world.filing_a)).status_code == 404


def test_the_aid_center_downloads_any_filing(client, world):
    client.force_login(world.aid)
    assert client.get(url(world.filing_a)).status_code == 200


def test_text_that_a_spreadsheet_would_run_is_written_as_text(client, world):
    StationFactory(
        filing=world.filing_a, name='=HYPERLINK("http://evil","点我")', address="+1 南京路"
    )
    client.force_login(world.user_a)
    ws = workbook_of(client.get(url(world.filing_a))).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert '\'=HYPERLINK("http://evil","点我")' in values
    assert "'+1 南京路" in values
