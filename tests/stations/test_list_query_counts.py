"""Lists cost the same number of queries for 3 rows as for 30 (no query per row)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import StationStatus
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import FilingFormFactory, StationFactory


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _submitted(world, n):
    for _ in range(n):
        station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
        acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)


def test_the_review_queue_does_not_query_per_station(client, world):
    client.force_login(world.aid)
    url = reverse("stations:review_queue")
    _submitted(world, 3)
    few = _queries(client, url)
    _submitted(world, 27)
    assert _queries(client, url) == few


def test_the_filing_list_does_not_query_per_filing(client, world):
    client.force_login(world.aid)
    url = reverse("stations:filing_list")
    few = _queries(client, url)
    for _ in range(20):
        StationFactory(filing=FilingFormFactory(union=world.union_a))
    assert _queries(client, url) == few


def test_the_registry_does_not_query_per_station(client, world):
    from tests.factories import HostUnitFactory

    client.force_login(world.aid)
    unit = HostUnitFactory(union=world.union_a, name="漕溪支行")
    url = reverse("stations:registry")
    StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE, host_unit=unit)
    few = [_queries(client, url), _queries(client, url + "?q=漕溪")]
    for _ in range(20):
        StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE, host_unit=unit)
    # A new station starts a new count: both lists are counted again, as the first time.
    assert [_queries(client, url), _queries(client, url + "?q=漕溪")] == few
