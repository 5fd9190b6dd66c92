"""On PostgreSQL the chooser's "near me" reads a box's stations nearest first from the
plane's index (migration stations 0025) instead of sorting the whole box: the same stations
in the same order as the sort, with stations at one position, a phone at a station, one far
out at sea and one far from the index's latitude."""

from __future__ import annotations

import math
import random

import pytest
from django.db import connection
from django.utils import timezone

from inspections.checks.selectors import (
    CHOOSER_STATUSES,
    _in_box,
    _in_box_by_plane,
    loggable_anywhere,
    plane_nearest_first,
)
from stations.geo import Point, bounding_box

from .factories_checks import station

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's"),
]


def _scope(world):
    on = timezone.localdate()
    return loggable_anywhere(world.inspector, on).filter(status__in=CHOOSER_STATUSES)


def _scatter(world, rng: random.Random) -> list[Point]:
    places = []
    for _ in range(40):
        lat = f"{31.2304 + rng.uniform(-0.02, 0.02):.6f}"
        lng = f"{121.4737 + rng.uniform(-0.02, 0.02):.6f}"
        station(world.union_a, lat=lat, lng=lng)
        places.append(Point(float(lat), float(lng)))
    for _ in range(3):  # three stations at one place: ties fall to the id
        station(world.union_a, lat="31.231300", lng="121.473700")
    return places


def test_each_box_gives_the_same_stations_in_the_same_order(world):
    rng = random.Random(26)
    places = _scatter(world, rng)
    scope = _scope(world)
    phones = [
        Point(31.2304, 121.4737),
        Point(31.231300, 121.473700),  # at the three stations
        places[7],  # at a station
        Point(30.70, 121.90),  # far out at sea
        Point(45.0, 121.47),  # far north: another stretch than the index's
        *(Point(31.2304 + rng.uniform(-0.03, 0.03), 121.4737 + rng.uniform(-0.03, 0.03))
          for _ in range(12)),
    ]  # fmt: skip
    for phone in phones:
        stretch = math.cos(math.radians(phone.lat))
        for radius in (0.5, 1.0, 2.0, 4.0, 128.0, 2000.0):
            box = bounding_box(phone, radius)
            for count in (1, 3, 20):
                sorted_box = _in_box(scope, phone, stretch, box, count)
                assert _in_box_by_plane(scope, phone, stretch, box, count) == sorted_box


def test_the_nearest_are_read_from_the_planes_index(world):
    station(world.union_a)
    phone = Point(31.2304, 121.4737)
    candidates = plane_nearest_first(_scope(world), phone, bounding_box(phone, 4.0))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = candidates[:40].explain()

    assert "station_plaque_plane" in plan
