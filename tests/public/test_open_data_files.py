"""/api/v1/stations.json, .geojson and .csv: public stations only, documented fields."""

from __future__ import annotations

import csv
import io
import json

import pytest

from stations.models import StationStatus
from stations.open_data import FIELD_NAMES


def _json(client):
    response = client.get("/api/v1/stations.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.getvalue())


def _geojson(client):
    response = client.get("/api/v1/stations.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    return json.loads(response.getvalue())


def _csv(client) -> list[dict]:
    response = client.get("/api/v1/stations.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def stations(public_station):
    return {
        "active": public_station(status=StationStatus.ACTIVE, name="运行站"),
        "rectifying": public_station(status=StationStatus.RECTIFYING, name="整改站"),
        "approved": public_station(status=StationStatus.APPROVED, name="筹建站"),
        "revoked": public_station(status=StationStatus.REVOKED, name="撤销站"),
    }


def test_every_file_holds_the_operating_stations_only(client, stations):
    expected = {stations["active"].plaque_number, stations["rectifying"].plaque_number}

    assert {s["plaque_number"] for s in _json(client)["stations"]} == expected
    assert {f["id"] for f in _geojson(client)["features"]} == expected
    assert {row["plaque_number"] for row in _csv(client)} == expected


def test_every_file_has_the_documented_fields_and_no_others(client, stations):
    assert list(_json(client)["stations"][0]) == FIELD_NAMES
    assert list(_geojson(client)["features"][0]["properties"]) == FIELD_NAMES
    assert list(_csv(client)[0]) == FIELD_NAMES


def test_geojson_points_are_longitude_then_latitude(client, public_station):
    public_station(latitude="31.230400", longitude="121.473700")

    feature = _geojson(client)["features"][0]

    assert feature["geometry"] == {"type": "Point", "coordinates": [121.4737, 31.2304]}


def test_a_station_without_coordinates_has_no_geometry(client, public_station):
    public_station(latitude=None, longitude=None)

    assert _geojson(client)["features"][0]["geometry"] is None


def test_the_files_state_their_licence_and_anyone_may_fetch_them(client, stations, settings):
    assert _json(client)["licence"] == settings.OPEN_DATA_LICENCE
    assert _geojson(client)["licence_url"] == settings.OPEN_DATA_LICENCE_URL
    for path in ("json", "geojson", "csv"):
        response = client.get(f"/api/v1/stations.{path}")
        assert response["Access-Control-Allow-Origin"] == "*"


def test_the_documentation_page_lists_every_field_and_the_licence(client, settings):
    body = client.get("/api/v1/").content.decode()

    for name in FIELD_NAMES:
        assert f"<code>{name}</code>" in body
    assert settings.OPEN_DATA_LICENCE in body
    for path in ("stations.json", "stations.geojson", "stations.csv"):
        assert path in body
