"""/stations/: the public directory and map, nearest first when the visitor says where."""

from __future__ import annotations

from dataclasses import astuple

from django.conf import settings
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from stations import public_cache
from stations.alert_hours import around, notices
from stations.datum import on_tiles
from stations.directory import DirectoryQuery, directory_page
from stations.models import Audience, Campaign, Service
from unions.access import access


def _map_points(entries) -> list[dict]:
    """What the map draws: public facts only, for the stations of the page the list shows.
    Every match would be megabytes in the page at national size (185,000 stations)."""
    points = []
    for e in entries:
        if e.station.latitude is None or e.station.longitude is None:
            continue
        # Where the station sits on the tiles drawn (GCJ-02 ones move it; stations/datum.py).
        lat, lng = on_tiles(e.station.latitude, e.station.longitude)
        points.append(
            {
                "plaque": e.station.plaque_number,
                "name": e.station.name,
                "lat": lat,
                "lng": lng,
                "open": e.open_now,
                "url": reverse("stations:public_detail", args=[e.station.plaque_number]),
            }
        )
    return points


@access(public=True)
def station_directory(request):
    query = DirectoryQuery.from_params(request.GET)
    number = request.GET.get("page", "")
    # An anonymous visitor gets the page kept for these filters (stations/public_cache.py).
    key = public_cache.directory_page(astuple(query), number)
    cached = public_cache.served(request, key)
    if cached is not None:
        return cached
    return public_cache.render_and_keep(
        request, key, lambda extra: _render(request, query, number, extra)
    )


def _render(request, query: DirectoryQuery, number: str, extra: dict):
    now = timezone.now()
    alerts = around(now)
    page = directory_page(query, number, now, alerts)
    return render(
        request,
        "public/directory.html",
        {
            **extra,
            "query": query,
            "page": page,
            "entries": page.entries,
            # None when not known without reading every match (open now, near).
            "total": page.count,
            "map_points": _map_points(page.entries),
            # Today's heat or cold alert: the filter to stations keeping alert hours.
            "alert_notices": notices(alerts, timezone.localtime(now).date()),
            # The campaign whose stations are shown (its public page's map link).
            "campaign": Campaign.objects.filter(pk=query.campaign).first()
            if query.campaign
            else None,
            # The visitor's dot, where the phone's (WGS-84) position sits on the tiles.
            "near_on_map": on_tiles(query.near.lat, query.near.lng) if query.near else None,
            "districts": settings.DISTRICTS,
            "services": [s for s in Service if s != Service.OTHER],
            "audiences": Audience.choices,
            "near_value": f"{query.near.lat:.5f},{query.near.lng:.5f}" if query.near else "",
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "city_center": settings.CITY_CENTER,
        },
    )


urlpatterns = [
    path("stations/", station_directory, name="directory"),
]
