"""The queue's rows are drawn by one tag (stations_tags.queue_rows), not the template
language: whatever a filing typed is still text, each row links to its own station, and the
newest acceptance reads as met, short, or still to record."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from stations.models import StationStatus
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory


def _queue(client, world) -> str:
    client.force_login(world.aid)
    return client.get(reverse("stations:review_queue")).content.decode()


def test_each_row_escapes_what_the_filing_typed_and_links_its_station(client, world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.SUBMITTED,
        name='<script>alert("名")</script>',
        address="<b>地址</b>",
    )

    body = _queue(client, world)

    assert "<script>alert" not in body and "<b>地址</b>" not in body
    # The tick's hidden label and the link.
    assert body.count("&lt;script&gt;alert(&quot;名&quot;)&lt;/script&gt;") == 2
    assert "&lt;b&gt;地址&lt;/b&gt;" in body
    assert f'href="{reverse("stations:staff_detail", args=[station.pk])}"' in body
    assert f'href="{reverse("stations:acceptance_create", args=[station.pk])}"' in body
    assert f'value="{station.pk}" id="tick-{station.pk}">' in body


def test_the_newest_acceptance_shows_whether_all_six_were_met(client, world):
    met = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    short = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    acceptance_record(station=met, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    acceptance_record(station=short, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    # The newer one falls short: it is the one shown.
    acceptance_record(
        station=short, by=world.aid, checked_on="2018-10-02", **{**ALL_SIX, "has_sign": False}
    )

    body = _queue(client, world)

    assert '<span class="text-success">✓ 验收 2018-10-01</span>' in body
    assert '<span class="text-danger">✗ 验收 2018-10-02</span>' in body
    for station in (met, short):
        assert reverse("stations:acceptance_create", args=[station.pk]) not in body


def test_a_refused_approval_keeps_the_ticks(client, world):
    ticked = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    client.force_login(world.aid)

    response = client.post(reverse("stations:review_bulk_approve"), {"station": [ticked.pk]})

    assert response.status_code == 400
    assert f'id="tick-{ticked.pk}" checked>' in response.content.decode()


def test_the_acceptance_is_dated_today_on_each_day_the_queue_is_opened(client, world):
    """The unfilled acceptance is drawn once a day per process (views/review.py): the next
    day's queue offers the next day's date."""
    StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    for day in (dt.date(2026, 3, 1), dt.date(2026, 3, 2)):
        at = dt.datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
        with time_machine.travel(at, tick=False):
            assert f'value="{day.isoformat()}"' in _queue(client, world)
