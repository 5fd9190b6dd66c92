"""The demo tells the truth: a filing whose stations are under review or operate is not a
draft, and a clerk's home page lists no such filing as one."""

from __future__ import annotations

import pytest

from stations.models import FilingForm, StationStatus


@pytest.fixture
def seeded(demo):
    """The demo, seeded once for this module (tests/conftest.py)."""


def test_a_filing_with_stations_beyond_draft_is_submitted(seeded):
    for filing in FilingForm.objects.all():
        statuses = set(filing.stations.values_list("status", flat=True))
        if statuses - {StationStatus.DRAFT}:
            assert filing.status == FilingForm.Status.SUBMITTED, (filing, statuses)
            assert filing.submitted_at is not None
        else:
            assert filing.status == FilingForm.Status.DRAFT, (filing, statuses)


def test_the_clerks_home_lists_only_real_drafts(seeded, client):
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.get(profile__union__code="huangpu")
    client.force_login(clerk)
    response = client.get("/staff/")
    drafts = next(w for w in response.context["work"] if w.url_name == "stations:filing_list")
    assert drafts.count == 1
    filing = drafts.items[0]
    assert set(filing.stations.values_list("status", flat=True)) == {StationStatus.DRAFT}


def test_every_demo_station_has_its_history(seeded):
    from stations.models import Station

    for station in Station.objects.all():
        assert station.changes.exists(), station
        if station.status != StationStatus.DRAFT:
            assert station.transitions.exists(), station
