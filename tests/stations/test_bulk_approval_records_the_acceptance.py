"""Bulk approval records the same acceptance as the per-station form and says what it did."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stations.models import Acceptance, StationStatus
from stations.services.review import ALL_SIX
from tests.factories import StationFactory


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def _accepted(**overrides) -> dict:
    data = {
        "acceptance-checked_on": "2018-10-20",
        "acceptance-notes": "现场查看",
        **{f"acceptance-{name}": "on" for name in ALL_SIX},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_records_date_officer_notes_and_each_standard(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    officer.post(reverse("stations:review_bulk_approve"), {"station": [station.pk], **_accepted()})
    acceptance = Acceptance.objects.get(station=station)
    assert acceptance.checked_on == dt.date(2018, 10, 20)
    assert acceptance.by == world.aid
    assert acceptance.notes == "现场查看"
    assert all(getattr(acceptance, name) for name in ALL_SIX)


def test_it_approves_nothing_when_a_standard_is_not_ticked(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    response = officer.post(
        reverse("stations:review_bulk_approve"),
        {"station": [station.pk], **_accepted(**{"acceptance-has_sign": None})},
    )
    assert response.status_code == 400
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED
    assert not Acceptance.objects.filter(station=station).exists()
    # The page comes back with the station still ticked, so nothing has to be redone.
    assert f'value="{station.pk}" id="tick-{station.pk}" checked' in response.content.decode()


def test_it_needs_the_acceptance_date(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    officer.post(
        reverse("stations:review_bulk_approve"),
        {"station": [station.pk], **_accepted(**{"acceptance-checked_on": ""})},
    )
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED


def test_the_message_lists_every_station_with_its_number(officer, world):
    first = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED, name="中国银行站")
    second = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, name="华联超市站"
    )
    response = officer.post(
        reverse("stations:review_bulk_approve"),
        {"station": [first.pk, second.pk], **_accepted()},
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert "中国银行站 SH00001" in text
    assert "华联超市站 SH00002" in text


def test_the_queue_offers_the_six_standards_not_one_checkbox(officer, world):
    StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    page = officer.get(reverse("stations:review_queue")).content.decode()
    for name in ("checked_on", *ALL_SIX):
        assert f'name="acceptance-{name}"' in page
    assert "accepted_all_six" not in page
