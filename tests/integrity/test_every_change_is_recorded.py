"""Every change to a record writes a history row in the same transaction (DESIGN: who,
when, what and why), and the station's and filing's pages show it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from history.models import RecordChange
from stations.models import Pledge, StationStatus
from stations.services.filing import filing_create, filing_edit, filing_submit
from stations.services.lifecycle import station_approve
from stations.services.records import agreement_record, insurance_record, pledge_update
from stations.services.review import ALL_SIX
from tests.factories import StationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

Action = RecordChange.Action


def _changes(**filters):
    return list(RecordChange.objects.filter(**filters).values_list("record", "action"))


def test_creating_and_submitting_a_filing_is_recorded(world):
    filing = filing_create(
        union=world.union_a,
        by=world.user_a,
        unit_name="黄浦区总工会",
        head_name="王五",
        head_email="w@example.org",
        head_phone="021-12345678",
    )
    StationFactory(filing=filing)
    filing_submit(filing=filing, by=world.user_a)
    assert _changes(filing=filing, record="filing") == [
        ("filing", Action.CREATED),
        ("filing", Action.SUBMITTED),
    ]


def test_replacing_a_submitted_filings_scan_leaves_a_trace(world):
    world.filing_a.signed_scan = SimpleUploadedFile("first.pdf", PDF)
    world.filing_a.save()
    filing_edit(
        filing=world.filing_a, by=world.user_a, signed_scan=SimpleUploadedFile("second.pdf", PDF)
    )
    row = RecordChange.objects.get(filing=world.filing_a, action=Action.SCAN_REPLACED)
    old, new = row.changes["signed_scan"]
    assert old and new and old != new
    assert row.by == world.user_a


def test_editing_a_filings_header_records_old_and_new_values(world):
    old_name = world.filing_a.head_name
    filing_edit(filing=world.filing_a, by=world.user_a, head_name="赵六")
    row = RecordChange.objects.get(filing=world.filing_a, action=Action.EDITED)
    assert row.changes == {"head_name": [old_name, "赵六"]}


def test_adding_and_editing_a_station_online_is_recorded(client, world):
    client.force_login(world.user_a)
    url = reverse("stations:station_edit", args=[world.station_a.pk])
    page = client.get(url)
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["name"] = "改名后的接力站"
    for name, value in list(data.items()):
        if isinstance(value, list):
            data[name] = value
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    row = RecordChange.objects.get(station=world.station_a, action=Action.EDITED)
    assert row.changes["name"][1] == "改名后的接力站"


@pytest.fixture
def approved(world):
    station = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
    )
    return station_approve(
        station=station, by=world.aid, acceptance={"checked_on": "2018-10-01", **ALL_SIX}
    )


def test_the_acceptance_agreement_pledge_and_insurance_are_recorded(world, approved):
    agreement_record(
        host_unit=world.host_a,
        stations=[approved],
        by=world.aid,
        signatory_a="张行长",
        signed_on=dt.date(2018, 11, 1),
    )
    pledge = Pledge.objects.get(station=approved)
    pledge_update(pledge=pledge, by=world.aid, received_on=dt.date(2018, 11, 2))
    insurance_record(
        union=world.union_a,
        by=world.user_a,
        station=approved,
        policy_number="P-1",
        insurer="某保险",
        starts_on=dt.date(2018, 1, 1),
        ends_on=dt.date(2019, 1, 1),
    )
    assert _changes(station=approved) == [
        ("acceptance", Action.RECORDED),
        ("agreement", Action.RECORDED),
        ("pledge", Action.RECEIVED),
        ("insurance", Action.RECORDED),
    ]


def test_the_last_record_activates_in_the_same_transaction(world, approved):
    """No on_commit: the station is active as soon as the service returns, in its
    transaction, so a failure after it rolls both back."""
    agreement_record(
        host_unit=world.host_a,
        stations=[approved],
        by=world.aid,
        signatory_a="张行长",
        signed_on=dt.date(2018, 11, 1),
    )
    pledge_update(
        pledge=Pledge.objects.get(station=approved), by=world.aid, received_on=dt.date(2018, 11, 2)
    )
    approved.refresh_from_db()
    assert approved.status == StationStatus.ACTIVE


def test_the_station_page_shows_record_changes(client, world, approved):
    client.force_login(world.aid)
    page = client.get(reverse("stations:staff_detail", args=[approved.pk]), {"history": 1})
    html = page.content.decode()
    history = html[html.index('data-testid="history"') :]
    history = history[: history.index("</ol>")]
    assert "验收 · 已登记" in history  # the acceptance recorded with the approval


def test_an_inspector_sees_the_status_history_but_not_the_agreement_changes(
    client, world, approved
):
    agreement_record(
        host_unit=world.host_a,
        stations=[approved],
        by=world.aid,
        signatory_a="张行长",
        signed_on=dt.date(2018, 11, 1),
    )
    client.force_login(world.inspector)
    page = client.get(reverse("stations:staff_detail", args=[approved.pk]), {"history": 1})
    assert page.status_code == 200
    assert "张行长" not in page.content.decode()
    assert [str(e) for e in page.context["agreements"]] == []
