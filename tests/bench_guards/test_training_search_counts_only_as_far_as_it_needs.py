"""A training session's search of heads reads its page the cheaper way, as the registry does,
without counting every match (issue 26: the 6,333 stations on 南京东路 read and sorted for
each page): its matches are counted up to where walking the order wins, and kept for a
minute under the station lists' version (stations.selectors.search_ids_reader)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.models import Station
from stations.selectors import registry_search, search_ids_reader
from tests.factories import StationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner settings are PostgreSQL's"
)


def test_the_page_is_the_searchs_own_and_the_count_is_kept(world):
    cache.clear()
    for n in range(30):
        StationFactory(filing=world.filing_a, name=f"南京东路{n}号", plaque_seq=500 - n)
    matched = registry_search(Station.objects.all(), "南京东路")
    ids = matched.order_by("plaque_seq", "id").values_list("plaque_seq", "id")[:11]
    expected = list(ids)
    read = search_ids_reader(matched)

    with CaptureQueriesContext(connection) as first:
        assert read(ids, None, 11) == expected
    with CaptureQueriesContext(connection) as again:
        assert read(ids, None, 11) == expected

    counts = [q["sql"] for q in first.captured_queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and " LIMIT " in counts[0]  # counted only so far
    assert not [q for q in again.captured_queries if "COUNT(*)" in q["sql"]]  # kept
