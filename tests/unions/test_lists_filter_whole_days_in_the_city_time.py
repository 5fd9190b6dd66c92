"""The lists' "from" and "to" days (checks, orders, feedback, tickets) are whole days of the
city's time, both included, compared as instants so that the list's index on its time serves
them (unions/dates.py; issue 26: the check list's date filter read all 2,000,000 checks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from inspections.models import Checklist, Inspection, Rectification
from stations.models import Feedback, FeedbackTicket, StationStatus
from unions.dates import day_range

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
# 00:30 on 1 July and 23:50 on 31 July in Shanghai are 30 June and 31 July in UTC; 00:10 on
# 1 August is the first instant past the month.
INSIDE = (
    dt.datetime(2026, 7, 1, 0, 30, tzinfo=SHANGHAI),
    dt.datetime(2026, 7, 31, 23, 50, tzinfo=SHANGHAI),
)
OUTSIDE = (
    dt.datetime(2026, 6, 30, 23, 50, tzinfo=SHANGHAI),
    dt.datetime(2026, 8, 1, 0, 10, tzinfo=SHANGHAI),
)
JULY = {"since": "2026-07-01", "until": "2026-07-31"}


def test_the_range_runs_from_the_first_instant_of_since_to_the_first_past_until():
    lookups = day_range("at", JULY)
    assert lookups == {
        "at__gte": dt.datetime(2026, 7, 1, tzinfo=SHANGHAI),
        "at__lt": dt.datetime(2026, 8, 1, tzinfo=SHANGHAI),
    }
    assert day_range("at", {"since": "2026-02-30", "until": "soon"}) == {}


def _station(world):
    world.station_a.status = StationStatus.ACTIVE
    world.station_a.save(update_fields=["status"])
    return world.station_a


def _checks(world):
    station = _station(world)
    for at in (*INSIDE, *OUTSIDE):
        Inspection.objects.create(
            station=station, union=station.union, district=station.district, kind="flying",
            checklist=Checklist.objects.current(), by=world.inspector, visited_at=at,
            score=Decimal("90"),
        )  # fmt: skip


def _orders(world):
    _checks(world)
    for check in Inspection.objects.all():
        order = Rectification.objects.create(
            station=check.station, union=check.union, district=check.district,
            inspection=check, opened_by=world.inspector, deadline=dt.date(2026, 9, 1),
        )  # fmt: skip
        Rectification.objects.filter(pk=order.pk).update(opened_at=check.visited_at)


def _feedback(world):
    station = _station(world)
    for at in (*INSIDE, *OUTSIDE):
        made = Feedback.objects.create(station=station, union=station.union, rating=1)
        Feedback.objects.filter(pk=made.pk).update(created_at=at)


def _tickets(world):
    _feedback(world)
    for feedback in Feedback.objects.all():
        ticket = FeedbackTicket.objects.create(
            feedback=feedback, station=feedback.station, union=feedback.union
        )
        FeedbackTicket.objects.filter(pk=ticket.pk).update(opened_at=feedback.created_at)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("inspections:check_list", _checks),
        ("inspections:order_list", _orders),
        ("stations:feedback_moderation", _feedback),
        ("stations:ticket_list", _tickets),
    ],
    ids=["checks", "orders", "feedback", "tickets"],
)
def test_a_list_keeps_the_rows_of_its_days_and_no_other(client, world, url, make):
    make(world)
    client.force_login(world.aid)
    everything = client.get(reverse(url)).context["page"]
    july = client.get(reverse(url), JULY).context["page"]
    assert len(everything.object_list) == 4
    assert len(july.object_list) == 2
