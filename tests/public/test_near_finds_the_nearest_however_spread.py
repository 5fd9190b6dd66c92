"""near= looks in a small circle first and widens it until the page is full: the nearest
come first whether they are 500 m or 20 km away, and the next page carries on the order."""

from __future__ import annotations

import math

from stations.geo import Point, haversine_km

from .conftest import PEOPLES_SQUARE

LAT, LNG = PEOPLES_SQUARE
HERE = Point(LAT, LNG)
KM_LAT = 1 / 111.32  # degrees of latitude per kilometre
KM_LNG = 1 / (111.32 * math.cos(math.radians(LAT)))


def _at(public_station, name: str, km_north: float, km_east: float = 0.0, **fields):
    return public_station(
        name=name, latitude=LAT + km_north * KM_LAT, longitude=LNG + km_east * KM_LNG, **fields
    )


def _names(client, query: str) -> list[str]:
    response = client.get(f"/stations/?near={LAT},{LNG}&{query}")
    assert response.status_code == 200
    return [e.station.name for e in response.context["entries"]]


def test_one_near_station_comes_before_many_far_ones_and_page_two_carries_on(
    client, public_station
):
    _at(public_station, "五百米", 0.5)
    stations = []
    for i in range(25):  # a ring at about 20 km, in every direction
        angle = 2 * math.pi * i / 25
        km = 19 + (i % 5) * 0.4
        stations.append(_at(public_station, f"远{i}", km * math.cos(angle), km * math.sin(angle)))
    for station in stations:
        station.refresh_from_db()  # the coordinates as stored: six decimals
    expected = ["五百米"] + [
        s.name
        for s in sorted(
            stations,
            key=lambda s: (
                haversine_km(HERE, Point(float(s.latitude), float(s.longitude))),
                s.plaque_number,
            ),
        )
    ]

    first, second = _names(client, ""), _names(client, "page=2")

    assert first == expected[:20]
    assert second == expected[20:]


def test_a_box_corner_does_not_jump_the_queue(client, public_station, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    _at(public_station, "五百米", 0.5)
    # North-east, 1.3 km: inside the first 1 km box's corner but outside its circle.
    _at(public_station, "一点三公里", 0.92, 0.92)
    _at(public_station, "一点一公里", 1.1)

    assert _names(client, "") == ["五百米", "一点一公里"]
    assert _names(client, "page=2") == ["一点三公里"]


def test_open_now_skips_the_closed_ones_nearby(client, public_station):
    never = [{"days": [], "start": "09:00", "end": "17:00"}]
    for i in range(30):
        _at(public_station, f"关{i}", 0.2 + i * 0.01, opening_hours=never)
    for i in range(21):
        _at(public_station, f"开{i:02d}", 3 + i * 0.1, open_24h=True)

    response = client.get(f"/stations/?near={LAT},{LNG}&open_now=1")

    assert [e.station.name for e in response.context["entries"]] == [
        f"开{i:02d}" for i in range(20)
    ]
    assert response.context["page"].has_next()


def test_the_page_says_more_follow_when_it_cannot_count_them(client, public_station, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for km in (0.1, 0.2, 0.3):
        _at(public_station, f"{km}", km)

    first = client.get(f"/stations/?near={LAT},{LNG}")
    last = client.get(f"/stations/?near={LAT},{LNG}&page=2")

    assert first.context["total"] is None
    body = first.content.decode()
    assert "第 1–2 个站点，下一页还有更多。" in body
    assert "第 1 页" in body and "page=2" in body
    # The last page has read every match within reach: now the count is known.
    assert last.context["total"] == 3
    assert "共找到 3 个站点。" in last.content.decode()


def test_a_page_past_the_end_shows_the_last_one(client, public_station, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for km in (0.1, 0.2, 0.3):
        _at(public_station, f"{km}", km)

    response = client.get(f"/stations/?near={LAT},{LNG}&page=9")

    assert response.context["page"].number == 2
    assert [e.station.name for e in response.context["entries"]] == ["0.3"]
