"""/stations/ asks the database the same number of questions with 30 stations as with 120
(issue 13): a page in the directory's order, "open now" and "near" read the page's worth of
stations, never every match."""

from __future__ import annotations

import itertools
import math

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.models import StationStatus
from tests.factories import OperatingStationFactory

PEOPLES_SQUARE = (31.2304, 121.4737)
NEVER_OPEN = [{"days": [], "start": "09:00", "end": "17:00"}]
_plaques = itertools.count(7000)


def _add_stations(world, count: int, *, metres_from: float = 0, metres_to: float = 800) -> None:
    """Stations on a spiral in a ring around People's Square (within 800 m by default), one
    in four never open: the same density and the same share open, however many there are."""
    for i in range(count):
        n = next(_plaques)
        share = (i % 97 + 0.5) / 97
        angle = i * 2.4
        metres = math.sqrt(metres_from**2 + share * (metres_to**2 - metres_from**2))
        OperatingStationFactory(
            filing=world.filing_a,
            host_unit=world.host_a,
            status=StationStatus.ACTIVE,
            plaque_seq=n,
            latitude=PEOPLES_SQUARE[0] + metres * math.cos(angle) / 111_320,
            longitude=PEOPLES_SQUARE[1] + metres * math.sin(angle) / 95_300,
            open_24h=i % 4 != 0,
            opening_hours=NEVER_OPEN if i % 4 == 0 else [],
        )


def _rows_read(client, url: str) -> int:
    """How many rows the request's queries returned, counted by running each again."""
    cache.clear()  # the first visit of the minute, which counts
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    rows = 0
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute(query["sql"])
                rows += len(cursor.fetchall())
    return rows


def _queries(client, url: str) -> int:
    cache.clear()  # the first visit of the minute, which counts
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["entries"]) == 20
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/stations/",
        "/stations/?page=2",
        "/stations/?open_now=1",
        "/stations/?near=31.2304,121.4737",
        "/stations/?near=31.2304,121.4737&page=2",
        "/stations/?near=31.2304,121.4737&open_now=1",
        "/stations/?q=爱心&service=water",
    ],
)
def test_the_query_count_does_not_grow_with_the_stations(client, world, url):
    _add_stations(world, 45)
    few = _queries(client, url)
    _add_stations(world, 135)
    many = _queries(client, url)

    # Denser, near= may find its page in a smaller circle: fewer reads, never more.
    assert many <= few <= 6


def test_a_page_in_the_directorys_order_reads_only_its_rows(client, world):
    _add_stations(world, 60)
    client.get("/stations/")  # the counts, kept a minute

    with CaptureQueriesContext(connection) as ctx:
        client.get("/stations/?page=2")

    station_reads = [
        q["sql"] for q in ctx.captured_queries if 'FROM "stations_station"' in q["sql"]
    ]
    # The page's ids, then the page's rows.
    assert len(station_reads) == 2
    assert "LIMIT 20 OFFSET 20" in station_reads[0]


def test_the_counts_are_made_once_a_minute_for_every_district(client, world):
    _add_stations(world, 3)
    assert client.get("/stations/").context["total"] == 3

    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/stations/?district=黄浦区").context["total"] == 3
        assert client.get("/stations/?district=徐汇区").context["total"] == 0
    assert not any("COUNT(" in q["sql"] for q in ctx.captured_queries)


def test_other_filters_read_one_row_more_than_the_page_instead_of_counting(client, world):
    _add_stations(world, 25)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/stations/?service=water")

    assert response.context["total"] is None
    assert response.context["page"].has_next()
    assert not any("COUNT(" in q["sql"] for q in ctx.captured_queries)
    assert any("LIMIT 21" in q["sql"] for q in ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/stations/",
        "/stations/?open_now=1",
        "/stations/?near=31.2304,121.4737",
        "/stations/?near=31.2304,121.4737&page=2",
        "/stations/?near=31.2304,121.4737&open_now=1",
    ],
)
def test_the_rows_read_do_not_grow_with_the_stations_elsewhere(client, world, url):
    _add_stations(world, 60)
    few = _rows_read(client, url)
    # Later in the directory's order (higher plaque numbers) and 5 to 25 km away.
    _add_stations(world, 200, metres_from=5_000, metres_to=25_000)
    many = _rows_read(client, url)

    assert few == many
