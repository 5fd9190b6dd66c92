"""The public home's counts are computed once a minute, not on every visit."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.models import StationStatus
from tests.factories import StationFactory


def _station_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return sum("stations_station" in q["sql"] for q in ctx.captured_queries)


def test_a_second_visit_does_not_count_the_stations_again(client, world):
    StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)

    assert _station_queries(client) > 0
    assert _station_queries(client) == 0


def test_the_cached_counts_are_the_public_stations(client, world):
    for _ in range(3):
        StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE)

    response = client.get("/")

    assert response.context["station_count"] == 3
    assert [row["n"] for row in response.context["by_district"]] == [3]
