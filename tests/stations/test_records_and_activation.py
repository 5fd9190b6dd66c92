"""Agreement (附件2) and pledge (附件3) on file make an approved station active."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stations.models import Agreement, StationStatus
from stations.services.lifecycle import station_approve
from stations.services.records import pledge_update
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory


@pytest.fixture
def approved(world):
    station = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
    )
    acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    return station_approve(station=station, by=world.aid)


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def _agreement(officer, station, **extra):
    return officer.post(
        reverse("stations:agreement_create", args=[station.pk]),
        {
            "host_unit": station.host_unit_id,
            "carrier_type": "bank",
            "stations": [station.pk],
            "signatory_a": "张行长",
            "signatory_b": "援助中心",
            "signed_on": "2018-11-01",
            **extra,
        },
    )


def test_the_agreement_names_party_b_from_settings(officer, approved, settings):
    settings.PARTY_B_NAMES = ["上海市总工会", "上海市绿化和市容管理局"]
    response = _agreement(officer, approved)
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.party_b == "上海市总工会、上海市绿化和市容管理局"
    assert list(agreement.stations.all()) == [approved]


def test_agreement_alone_does_not_activate(officer, approved, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _agreement(officer, approved)
    approved.refresh_from_db()
    assert approved.status == StationStatus.APPROVED


def test_agreement_and_received_pledge_activate_the_station(
    officer, approved, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _agreement(officer, approved)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            reverse("stations:pledge_edit", args=[approved.pk]),
            {
                "pledging_unit": "工商银行南京东路支行",
                "service_hours": "9:00-17:00",
                "head_name": "李红",
                "pledged_on": "2018-11-01",
                "due_by": "2018-12-01",
                "received_on": "2018-11-05",
            },
        )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == StationStatus.ACTIVE
    assert approved.transitions.last().to_status == StationStatus.ACTIVE


def test_an_agreement_cannot_cover_a_station_not_yet_approved(officer, world):
    response = _agreement(officer, world.station_a)
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_the_pledge_deadline_follows_the_setting(approved, settings):
    assert approved.pledge.due_by == dt.date.today() + dt.timedelta(
        days=settings.PLEDGE_DUE_DAYS
    ) or (approved.pledge.due_by - dt.date.today()).days in (
        settings.PLEDGE_DUE_DAYS,
        settings.PLEDGE_DUE_DAYS + 1,
    )


def test_insurance_ending_soon_is_warned_about(client, world, approved):
    client.force_login(world.user_a)
    today = dt.date.today()
    client.post(
        reverse("stations:insurance_create", args=[approved.pk]),
        {
            "policy_number": "PL-001",
            "insurer": "人保财险",
            "starts_on": (today - dt.timedelta(days=300)).isoformat(),
            "ends_on": (today + dt.timedelta(days=10)).isoformat(),
        },
    )
    page = client.get(reverse("stations:staff_detail", args=[approved.pk]))
    assert b'data-testid="insurance-warning"' in page.content
    assert "PL-001" in page.content.decode()


def test_insurance_must_end_after_it_starts(client, world, approved):
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:insurance_create", args=[approved.pk]),
        {
            "policy_number": "PL-2",
            "insurer": "x",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert "ends_on" in response.context["form"].errors


def test_a_host_unit_policy_covers_its_stations(client, world, approved):
    client.force_login(world.aid)
    client.post(
        reverse("stations:insurance_create", args=[approved.pk]),
        {
            "policy_number": "PL-HOST",
            "insurer": "人保财险",
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
            "whole_unit": "on",
        },
    )
    other = StationFactory(filing=world.filing_a, host_unit=world.host_a)
    page = client.get(reverse("stations:staff_detail", args=[other.pk])).content.decode()
    assert "PL-HOST" in page


def test_the_home_page_lists_insurance_ending_soon(client, world, approved):
    from stations.services.records import insurance_record

    today = dt.date.today()
    insurance_record(
        union=world.union_a,
        by=world.aid,
        station=approved,
        policy_number="PL-SOON",
        insurer="人保财险",
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=5),
    )
    insurance_record(
        union=world.union_a,
        by=world.aid,
        station=approved,
        policy_number="PL-LATER",
        insurer="人保财险",
        starts_on=today,
        ends_on=today + dt.timedelta(days=200),
    )
    client.force_login(world.user_a)
    body = client.get("/staff/").content.decode()
    assert "PL-SOON" in body
    assert "PL-LATER" not in body
    client.force_login(world.user_b)
    assert "PL-SOON" not in client.get("/staff/").content.decode()


def test_the_home_page_lists_pledges_past_their_deadline(client, world, approved):
    pledge = approved.pledge
    pledge.due_by = dt.date.today() - dt.timedelta(days=1)
    pledge.save()
    entry = f"{approved.plaque_number} {approved.name} · {pledge.due_by:%Y-%m-%d}"
    client.force_login(world.aid)
    assert entry in client.get("/staff/").content.decode()
    pledge_update(pledge=pledge, by=world.aid, received_on=dt.date.today())
    assert entry not in client.get("/staff/").content.decode()
