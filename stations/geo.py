"""Distances on the ground, for "near me": a bounding box the database can use, then
haversine in Python on the few candidates inside it.

Plain arithmetic on latitude and longitude columns, so the same query runs on SQLite and
PostgreSQL without PostGIS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
KM_PER_DEGREE_LATITUDE = 111.32


@dataclass(frozen=True)
class Point:
    lat: float
    lng: float


def parse_point(text: str | None) -> Point | None:
    """``"31.23,121.47"`` -> Point; None for anything that is not a place on Earth."""
    if not text:
        return None
    try:
        lat_text, lng_text = text.split(",")
        lat, lng = float(lat_text), float(lng_text)
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return Point(lat, lng)


def bounding_box(centre: Point, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lng, max_lng) of a box holding every point within radius_km."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    # A degree of longitude shrinks with the cosine of the latitude; never divide by ~0.
    dlng = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(centre.lat)), 0.01))
    return centre.lat - dlat, centre.lat + dlat, centre.lng - dlng, centre.lng + dlng


def km_from(centre: Point):
    """``haversine_km(centre, Point(lat, lng))`` as a function of (lat, lng), the centre's
    part worked out once: a list measures hundreds of stations from one place. The same
    arithmetic in the same order, so the same distances to the last digit."""
    lat1 = math.radians(centre.lat)
    cos1 = math.cos(lat1)
    lng1 = centre.lng

    def km(lat: float, lng: float) -> float:
        lat2 = math.radians(lat)
        dlat = lat2 - lat1
        dlng = math.radians(lng - lng1)
        h = math.sin(dlat / 2) ** 2 + cos1 * math.cos(lat2) * math.sin(dlng / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))

    return km


def haversine_km(a: Point, b: Point) -> float:
    return km_from(a)(b.lat, b.lng)
