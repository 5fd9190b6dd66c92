"""A first visit to a staff home counts every card in one statement (issue 13: nine counts,
each a round trip and a count compiled by the ORM, were a fifth of the visit at national
size); each count is the one its card would make alone (config/dashboards.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import dashboards
from stations.models import Pledge, StationStatus
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
    assert len(ctx.captured_queries) == 1
    assert ctx.captured_queries[0]["sql"].startswith("SELECT (SELECT COUNT(*) FROM (")


def test_a_role_without_cards_makes_no_statement(db):
    with CaptureQueriesContext(connection) as ctx:
        assert dashboards.count_together([]) == []

    assert ctx.captured_queries == []
