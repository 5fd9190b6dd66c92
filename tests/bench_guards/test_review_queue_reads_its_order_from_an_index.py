"""The review queue's waiting order is the index's (station_review_queue): a page of the
submitted stations is read in order instead of every submitted station joined to its filing
and sorted on each visit (issue 26: 2,000 at national size, 6 ms of the page). The planner
is held away from sorting here only to show that the index can give the order; at national
size it chooses the index on its own (docs/BENCHMARKS.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from stations.models import Station, StationStatus
from stations.selectors import review_queue
from tests.factories import StationFactory


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes and plans are PostgreSQL's"
)
def test_the_waiting_order_is_read_from_the_index(world):
    for _ in range(5):
        StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    queue = review_queue(world.aid).order_by("submitted_at", "filing_id", "row_number", "id")
    sql, params = queue.values("pk")[:51].query.sql_with_params()

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "station_review_queue" in plan
    assert "Sort" not in plan.split("station_review_queue")[0]


def test_a_station_sent_again_waits_from_its_last_sending(world):
    now = timezone.now()
    first = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    again = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    Station.objects.filter(pk=first.pk).update(sent_for_review_at=now - dt.timedelta(days=3))
    Station.objects.filter(pk=again.pk).update(sent_for_review_at=now - dt.timedelta(days=5))
    unsent = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    Station.objects.filter(pk=unsent.pk).update(
        sent_for_review_at=None, created_at=now - dt.timedelta(days=4)
    )

    order = list(review_queue(world.aid).values_list("pk", flat=True))

    assert order == [again.pk, unsent.pk, first.pk]
