"""What the hostile walk of the merged portal found, each with the test that catches it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from documents.snapshots import DocumentUnavailable
from stations.documents.snapshots import pledge_snapshot
from stations.models import StationStatus
from tests.factories import FilingFormFactory, StationFactory


def test_the_filing_page_lists_only_stations_the_reader_may_see(client, world):
    """A station whose union differs from its filing's (an admin's edit once made one) is
    not shown to the filing's union with its head's mobile."""
    filing_b = FilingFormFactory(union=world.union_b)
    StationFactory(filing=filing_b, union=world.union_a, head_mobile="13812345605")
    client.force_login(world.user_b)
    page = client.get(reverse("stations:filing_detail", args=[filing_b.pk]))
    assert page.status_code == 200
    assert "13812345605" not in page.content.decode()


def test_the_admin_cannot_edit_a_filing_or_a_station(client, world):
    client.force_login(world.admin)
    for name, pk in (
        ("admin:stations_filingform_change", world.filing_a.pk),
        ("admin:stations_station_change", world.station_a.pk),
    ):
        url = reverse(name, args=[pk])
        assert client.get(url).status_code == 200  # still readable
        assert client.post(url, {"union": world.union_b.pk, "_save": "1"}).status_code == 403
    world.filing_a.refresh_from_db()
    world.station_a.refresh_from_db()
    assert world.filing_a.union_id == world.union_a.pk
    assert world.station_a.union_id == world.union_a.pk


def test_a_clerk_cannot_file_under_another_unions_name(client, world):
    client.force_login(world.user_b)
    response = client.post(
        reverse("stations:filing_create"),
        {
            "unit_name": world.union_a.name,
            "head_name": "王五",
            "head_email": "w@example.org",
            "head_phone": "021-12345678",
        },
    )
    assert response.status_code == 200
    assert "本账号所属工会" in response.content.decode()


def test_a_district_union_files_only_its_own_district_online(world):
    from stations.forms.filing import StationForm

    form = StationForm(
        {
            "name": "越区站",
            "address": "世纪大道1号",
            "district": "浦东新区",
            "head_name": "李四",
            "head_mobile": "13900000000",
            "opening_hours_text": "9:00-17:00",
            "area_m2": "10",
            "services": ["water"],
            "planned_completion": "2026-12-31",
            "carrier_type": "bank",
            "audience": "all",
        },
        union=world.union_a,
    )
    assert not form.is_valid()
    assert "district" in form.errors


def test_an_impossible_planned_date_is_refused():
    from stations.validation import planned_completion_problem

    assert planned_completion_problem(dt.date(9999, 12, 31))
    assert planned_completion_problem(dt.date(1, 1, 1))
    assert planned_completion_problem(dt.date(2026, 12, 31)) is None


def test_an_inspector_is_not_told_that_hidden_records_do_not_exist(client, world):
    world.station_a.status = StationStatus.ACTIVE
    world.station_a.save()
    url = reverse("stations:staff_detail", args=[world.station_a.pk])
    client.force_login(world.aid)
    html = client.get(url).content.decode()
    assert "暂无存档" in html and 'data-testid="insurance-warning"' in html  # true for them
    client.force_login(world.inspector)
    html = client.get(url).content.decode()
    assert "暂无存档" not in html  # "none on file" about agreements and insurance
    assert 'data-testid="insurance-warning"' not in html
    assert "共建协议" not in html


def test_a_revoked_station_gets_no_fresh_pledge(world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.REVOKED,
        plaque_number="SH08001",
        plaque_seq=8001,
        plaque_recalled=True,
    )
    try:
        pledge_snapshot(station)
    except DocumentUnavailable:
        return
    raise AssertionError("a pledge was made for a revoked station")


def test_a_plaque_number_in_lower_case_redirects_to_its_one_address(client, world):
    world.station_a.status = StationStatus.ACTIVE
    world.station_a.plaque_number = "SH00004"
    world.station_a.plaque_seq = 4
    world.station_a.save()
    response = client.get("/stations/sh00004/")
    assert response.status_code == 301
    assert response["Location"] == "/stations/SH00004/"
