"""Reads for the public directory (/stations/): filters, open now and distance order.

Public stations only (``Station.objects.public()``). District, audience, service and text
narrow the query in the database; "open now" and distance are read from each station's
hours and coordinates in Python, on what is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from .geo import Point, bounding_box, haversine_km, parse_point
from .models import Audience, Service, Station, StationClosure
from .open_now import closure_on, open_now

# The parameters of DESIGN.md's public contract, in the order the form shows them.
FILTER_PARAMS = ("q", "district", "service", "audience", "open_now", "near")


@dataclass
class DirectoryEntry:
    station: Station
    open_now: bool | None
    distance_km: float | None = None
    closure: StationClosure | None = None


@dataclass
class DirectoryQuery:
    q: str = ""
    district: str = ""
    service: str = ""
    audience: str = ""
    open_now: bool = False
    near: Point | None = None

    @classmethod
    def from_params(cls, params) -> DirectoryQuery:
        """Read GET parameters; a value the programme does not know is ignored, not an error."""
        district = params.get("district", "").strip()
        service = params.get("service", "").strip()
        audience = params.get("audience", "").strip()
        return cls(
            q=params.get("q", "").strip()[:100],
            district=district if district in settings.DISTRICTS else "",
            service=service if service in Service.values else "",
            audience=audience if audience in Audience.values else "",
            open_now=params.get("open_now", "") in ("1", "on", "true", "yes"),
            near=parse_point(params.get("near", "").strip()),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q or self.district or self.service or self.audience or self.open_now or self.near
        )


def directory_queryset(query: DirectoryQuery) -> QuerySet[Station]:
    qs = Station.objects.public()
    if query.district:
        qs = qs.filter(district=query.district)
    if query.audience:
        qs = qs.filter(audience=query.audience)
    if query.service:
        # services is a JSON list of codes; matching the quoted code as text works the same
        # on SQLite and PostgreSQL ("water" never matches "water_dispenser").
        qs = qs.filter(services__icontains=f'"{query.service}"')
    if query.q:
        qs = qs.filter(
            Q(name__icontains=query.q)
            | Q(address__icontains=query.q)
            | Q(district__icontains=query.q)
            | Q(plaque_number__iexact=query.q)
        )
    if query.near:
        min_lat, max_lat, min_lng, max_lng = bounding_box(query.near, settings.NEAR_RADIUS_KM)
        qs = qs.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lng,
            longitude__lte=max_lng,
        )
    today = timezone.localdate()
    closures = Prefetch(
        "closures",
        queryset=StationClosure.objects.covering(today),
        to_attr="current_closures",
    )
    return qs.prefetch_related(closures).order_by("district", "plaque_number")


def directory_entries(query: DirectoryQuery, when=None) -> list[DirectoryEntry]:
    """Every public station that matches, as entries; nearest first when ``near`` is given."""
    entries = []
    for station in directory_queryset(query):
        is_open = open_now(station, when)
        if query.open_now and not is_open:
            continue
        entry = DirectoryEntry(
            station=station,
            open_now=is_open,
            closure=closure_on(
                station, timezone.localtime(when).date() if when else timezone.localdate()
            ),
        )
        if query.near:
            entry.distance_km = haversine_km(
                query.near, Point(float(station.latitude), float(station.longitude))
            )
            if entry.distance_km > settings.NEAR_RADIUS_KM:
                continue  # inside the box's corner, outside the circle
        entries.append(entry)
    if query.near:
        entries.sort(key=lambda e: (e.distance_km, e.station.plaque_number))
    return entries
