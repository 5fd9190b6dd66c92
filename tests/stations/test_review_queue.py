"""The aid center's queue: bulk approval after acceptance, return and reject with reasons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import Acceptance, StationStatus
from stations.services.review import ALL_SIX
from tests.factories import StationFactory

# What the queue's acceptance fieldset sends when the officer ticks all six standards.
ACCEPTED = {
    "acceptance-checked_on": "2018-10-20",
    **{f"acceptance-{name}": "on" for name in ALL_SIX},
}


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def test_the_queue_lists_submitted_stations_of_every_union(officer, world):
    from tests.factories import FilingFormFactory

    a = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    b = StationFactory(
        filing=FilingFormFactory(union=world.union_b), status=StationStatus.SUBMITTED
    )
    page = officer.get(reverse("stations:review_queue")).content.decode()
    assert a.name in page and b.name in page
    assert world.station_a.name not in page  # a draft is not in the queue


def test_bulk_approval_numbers_every_ticked_station_in_order(officer, world):
    stations = [
        StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED) for _ in range(5)
    ]
    response = officer.post(
        reverse("stations:review_bulk_approve"),
        {"station": [s.pk for s in stations], **ACCEPTED},
    )
    assert response.status_code == 302
    numbers = []
    for station in stations:
        station.refresh_from_db()
        assert station.status == StationStatus.APPROVED
        numbers.append(station.plaque_number)
    assert numbers == ["SH00001", "SH00002", "SH00003", "SH00004", "SH00005"]
    assert Acceptance.objects.count() == 5


def test_bulk_approval_needs_the_acceptance(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    response = officer.post(reverse("stations:review_bulk_approve"), {"station": [station.pk]})
    assert response.status_code == 400
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED


def test_a_station_not_in_the_queue_is_skipped_with_a_message(officer, world):
    ok = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    response = officer.post(
        reverse("stations:review_bulk_approve"),
        {"station": [world.station_a.pk, ok.pk], **ACCEPTED},
        follow=True,
    )
    ok.refresh_from_db()
    world.station_a.refresh_from_db()
    assert ok.status == StationStatus.APPROVED
    assert world.station_a.status == StationStatus.DRAFT
    assert len(list(response.context["messages"])) == 2


def test_return_from_the_station_page_needs_a_reason(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    url = reverse("stations:station_action", args=[station.pk])
    officer.post(url, {"action": "return", "reason": ""})
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED
    officer.post(url, {"action": "return", "reason": "营业时间不清楚"})
    station.refresh_from_db()
    assert station.status == StationStatus.RETURNED
    assert station.status_reason == "营业时间不清楚"


def test_reject_from_the_station_page(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    officer.post(
        reverse("stations:station_action", args=[station.pk]),
        {"action": "reject", "reason": "非沿街门店"},
    )
    station.refresh_from_db()
    assert station.status == StationStatus.REJECTED


def test_union_staff_cannot_approve_through_the_action_url(client, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:station_action", args=[station.pk]), {"action": "approve"}
    )
    assert response.status_code == 403
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED


def test_an_acceptance_that_misses_a_standard_blocks_approval(officer, world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    officer.post(
        reverse("stations:acceptance_create", args=[station.pk]),
        {"checked_on": "2018-10-20", "has_place": "on", "has_sign": "on"},
    )
    officer.post(reverse("stations:station_action", args=[station.pk]), {"action": "approve"})
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED
