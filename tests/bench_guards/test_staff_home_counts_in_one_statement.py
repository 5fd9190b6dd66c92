"""A first visit to a staff home counts its cards in one statement, and its station cards in
one more (issue 13: nine counts, each a round trip and a count compiled by the ORM, were a
fifth of the visit at national size); each count is the one its card would make alone
(config/dashboards.py). The station cards' counts are kept under the stations' list
version (issue 26): the home drawn again after a check changed counts only the rest, and a
changed station is counted afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import dashboards
from history.changes import announce
from stations.models import Pledge, Station, StationStatus
from tests.factories import FilingFormFactory, StationFactory, make_user
from unions.models import Role


@pytest.fixture
def work(world):
    """Work for each card of the union and aid-center homes, in both unions."""
    for union in (world.union_a, world.union_b):
        filing = FilingFormFactory(union=union)
        for status in (StationStatus.RETURNED, StationStatus.SUBMITTED, StationStatus.APPROVED):
            StationFactory(filing=filing, status=status)
            StationFactory(filing=filing, status=status)
        StationFactory(filing=filing, status=StationStatus.RECTIFYING)
        approved = StationFactory(filing=filing, status=StationStatus.APPROVED)
        Pledge.objects.filter(station=approved).update(
            due_by=timezone.localdate() - dt.timedelta(days=3)
        )
    return world


@pytest.mark.parametrize("who", ["user_a", "user_b", "aid", "inspector"])
def test_each_count_is_the_cards_own(work, who):
    user = (
        make_user("insp_count", Role.INSPECTOR, district=work.union_a.district)
        if who == "inspector"
        else getattr(work, who)
    )
    alone = [item.queryset.count() for item in dashboards._cards(user)]

    with CaptureQueriesContext(connection) as ctx:
        cards = dashboards.pending_work(user)
        together = [item.count for item in cards]

    assert together == alone
    assert any(together)  # the fixture gave this role work to count
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert 1 <= len(counts) <= 2
    assert all(sql.startswith("SELECT (SELECT COUNT(*) FROM (") for sql in counts)

    # Drawn again (a check changed, say): the station cards' counts are kept.
    with CaptureQueriesContext(connection) as again:
        assert [item.count for item in dashboards.pending_work(user)] == alone
    stations_only = all(item.queryset.model is Station for item in cards)
    assert len([q for q in again.captured_queries if "COUNT(*)" in q["sql"]]) == (
        0 if stations_only else 1
    )


def test_a_changed_station_is_counted_afresh(work):
    before = {item.title: item.count for item in dashboards.pending_work(work.aid)}
    filing = FilingFormFactory(union=work.union_a)
    submit_one = StationFactory(filing=filing, status=StationStatus.SUBMITTED)
    announce("station", ids=[submit_one.pk], stations=[submit_one.pk], unions=[work.union_a.pk])
    after = {item.title: item.count for item in dashboards.pending_work(work.aid)}
    waiting = [title for title in before if after[title] == before[title] + 1]
    assert waiting, (before, after)


def test_a_role_without_cards_makes_no_statement(db):
    with CaptureQueriesContext(connection) as ctx:
        assert dashboards.count_together([]) == []

    assert ctx.captured_queries == []
