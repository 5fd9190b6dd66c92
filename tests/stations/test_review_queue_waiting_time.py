"""The review queue shows when each station was submitted and how long it has waited,
filters by union and sorts by waiting time."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from stations.models import StationStatus, StationTransition
from stations.services.lifecycle import station_return, station_submit
from tests.factories import FilingFormFactory, StationFactory


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def _submitted(filing, name, days_ago, by):
    """A station its union sent for review ``days_ago`` days ago, through the service (which
    stores the time on the station and writes the history row), with the clock set back."""
    station = StationFactory(filing=filing, status=StationStatus.DRAFT, name=name)
    then = timezone.now() - dt.timedelta(days=days_ago, hours=1)
    with mock.patch("django.utils.timezone.now", return_value=then):
        station_submit(station=station, by=by)
    return station


@pytest.fixture
def queue(world):
    other = FilingFormFactory(union=world.union_b)
    return {
        "old": _submitted(world.filing_a, "等了十天的站", 10, world.user_a),
        "new": _submitted(world.filing_a, "昨天提交的站", 1, world.user_a),
        "other": _submitted(other, "徐汇的站", 5, world.user_b),
    }


def _names(response) -> list[str]:
    return [s.name for s in response.context["page"]]


def test_it_shows_the_submission_time_and_the_days_waited(officer, queue):
    page = officer.get(reverse("stations:review_queue")).content.decode()
    submitted = timezone.localtime(timezone.now() - dt.timedelta(days=10, hours=1))
    assert submitted.strftime("%Y-%m-%d %H:%M") in page
    assert "10" in page and "等了十天的站" in page
    response = officer.get(reverse("stations:review_queue"))
    waits = {s.name: s.waiting_days for s in response.context["page"]}
    assert waits == {"等了十天的站": 10, "昨天提交的站": 1, "徐汇的站": 5}


def test_it_lists_the_longest_waiting_first(officer, queue):
    response = officer.get(reverse("stations:review_queue"))
    assert _names(response) == ["等了十天的站", "徐汇的站", "昨天提交的站"]


def test_it_can_list_the_newest_first(officer, queue):
    response = officer.get(reverse("stations:review_queue"), {"order": "recent"})
    assert _names(response) == ["昨天提交的站", "徐汇的站", "等了十天的站"]


def test_it_filters_by_union(officer, queue, world):
    response = officer.get(reverse("stations:review_queue"), {"union": world.union_b.code})
    assert _names(response) == ["徐汇的站"]
    assert f'<option value="{world.union_b.code}" selected>' in response.content.decode()


def test_a_resubmitted_station_waits_from_its_resubmission(officer, queue, world):
    station = queue["old"]
    station_return(station=station, by=world.aid, reason="材料不全")
    station_submit(station=station, by=world.user_a)
    response = officer.get(reverse("stations:review_queue"))
    waits = {s.name: s.waiting_days for s in response.context["page"]}
    assert waits["等了十天的站"] == 0
    # The history keeps both submissions.
    assert (
        StationTransition.objects.filter(station=station, to_status=StationStatus.SUBMITTED).count()
        == 2
    )
