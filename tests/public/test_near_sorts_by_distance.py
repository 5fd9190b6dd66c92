"""near=lat,lng lists stations nearest first and shows how far each is."""

from __future__ import annotations

import pytest

from stations.geo import Point, haversine_km, parse_point

from .conftest import PEOPLES_SQUARE

LAT, LNG = PEOPLES_SQUARE


def test_nearest_comes_first_with_its_distance(client, public_station):
    public_station(name="三公里", latitude=LAT + 0.027, longitude=LNG)
    public_station(name="三百米", latitude=LAT + 0.0027, longitude=LNG)
    public_station(name="十公里", latitude=LAT, longitude=LNG + 0.105)

    response = client.get(f"/stations/?near={LAT},{LNG}")

    entries = response.context["entries"]
    assert [e.station.name for e in entries] == ["三百米", "三公里", "十公里"]
    assert entries[0].distance_km == pytest.approx(0.30, abs=0.01)
    body = response.content.decode()
    assert "300 米" in body
    assert "3.0 公里" in body
    assert "10.0 公里" in body


def test_stations_beyond_the_radius_or_without_coordinates_are_left_out(
    client, public_station, settings
):
    settings.NEAR_RADIUS_KM = 20
    public_station(name="近", latitude=LAT + 0.01, longitude=LNG)
    public_station(name="崇明", latitude=31.6250, longitude=121.3970)  # about 44 km
    public_station(name="无坐标", latitude=None, longitude=None)

    response = client.get(f"/stations/?near={LAT},{LNG}")

    assert [e.station.name for e in response.context["entries"]] == ["近"]


def test_a_box_corner_is_not_inside_the_circle(client, public_station, settings):
    settings.NEAR_RADIUS_KM = 10
    # About 9 km north and 9 km east: inside the box, 12.7 km away.
    public_station(name="角落", latitude=LAT + 0.081, longitude=LNG + 0.095)

    response = client.get(f"/stations/?near={LAT},{LNG}")

    assert response.context["entries"] == []


@pytest.mark.parametrize("bad", ["", "abc", "31.2", "91,121", "31,181", "nan,nan", "1,2,3"])
def test_a_location_that_is_not_one_is_ignored(client, public_station, bad):
    public_station(name="照常列出")

    response = client.get("/stations/", {"near": bad})

    assert response.status_code == 200
    assert [e.station.name for e in response.context["entries"]] == ["照常列出"]
    assert parse_point(bad) is None


def test_haversine_matches_a_known_distance():
    # People's Square to Lujiazui (陆家嘴): about 2.7 km as the crow flies.
    assert haversine_km(Point(31.2304, 121.4737), Point(31.2397, 121.4998)) == pytest.approx(
        2.68, abs=0.05
    )


@pytest.mark.parametrize(
    ("km", "shown"),
    [(0.004, "10 米"), (0.222, "220 米"), (0.9996, "1.0 公里"), (12.34, "12.3 公里")],
)
def test_distances_read_in_metres_under_a_kilometre_and_kilometres_beyond(km, shown):
    from django.utils import translation

    from stations.templatetags.stations_tags import distance

    with translation.override("zh-hans"):
        assert distance(km) == shown
