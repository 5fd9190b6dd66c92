"""The GeoJSON is served from the cache until a public station changes."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stations.models import StationStatus
from stations.services import lifecycle
from tests.factories import station_changed


def _names(client) -> set[str]:
    body = json.loads(client.get("/api/v1/stations.geojson").getvalue())
    return {f["properties"]["name"] for f in body["features"]}


def test_a_second_request_does_not_read_the_stations_again(client, public_station):
    for _ in range(3):
        public_station()
    client.get("/api/v1/stations.geojson")

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/stations.geojson")

    # The version is a token in the cache, dropped by any station's save: no query at all.
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_an_edited_station_shows_at_once(client, public_station):
    station = public_station(name="旧名")
    assert _names(client) == {"旧名"}

    station_changed(station, name="新名")

    assert _names(client) == {"新名"}


def test_a_revoked_station_leaves_at_once(client, world, public_station):
    keep = public_station(name="留下")
    gone = public_station(name="撤销")
    assert _names(client) == {"留下", "撤销"}

    lifecycle.station_revoke(station=gone, by=world.aid, reason="未按承诺开放")

    assert _names(client) == {"留下"}
    keep.refresh_from_db()
    assert keep.status == StationStatus.ACTIVE
