"""The open data's GeoJSON is RFC 7946 (issue 24): valid against the GeoJSON organisation's
JSON Schema, no ``crs`` member (7946 dropped it: WGS-84 always), and at most 7 decimals."""

from __future__ import annotations

import json
from decimal import Decimal

from stations.models import StationStatus

from .standards import geojson_validator


def _decimals(number: float) -> int:
    return max(0, -Decimal(repr(number)).as_tuple().exponent)


def test_the_geojson_is_valid_against_the_published_schema(client, public_station):
    public_station(latitude=Decimal("31.230400"), longitude=Decimal("121.473700"))
    public_station(latitude=Decimal("31.123457"), longitude=Decimal("121.987654"))
    public_station(latitude=None, longitude=None)
    public_station(status=StationStatus.RECTIFYING, name='<b>"站"</b>')

    body = json.loads(client.get("/api/v1/stations.geojson").getvalue())

    errors = sorted(geojson_validator().iter_errors(body), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    assert "crs" not in body
    points = [f["geometry"]["coordinates"] for f in body["features"] if f["geometry"]]
    assert len(points) == 3
    for lng, lat in points:
        assert -180 <= lng <= 180 and -90 <= lat <= 90
        assert _decimals(lng) <= 7 and _decimals(lat) <= 7


def test_the_validator_does_refuse_what_7946_forbids():
    """The check can fail: latitude first in a list of three strings is not a position."""
    broken = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Point", "coordinates": "31,121"},
            }
        ],
    }
    assert list(geojson_validator().iter_errors(broken))
