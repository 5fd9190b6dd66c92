"""Open data of public stations: one list of fields, read by the JSON, GeoJSON and CSV files
and by the page that documents them.

Public stations only (``Station.objects.public()``) and public facts only: never the station
head's name or mobile, nor anything about a worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Station


@dataclass(frozen=True)
class Field:
    name: str
    description: Promise


FIELDS = (
    Field("plaque_number", _("Plaque number (铭牌编号), unique and never reused")),
    Field("name", _("Station name")),
    Field("status", _("active, or rectifying (still open while it puts things right)")),
    Field("district", _("District")),
    Field("address", _("Street address")),
    Field("latitude", _("Latitude (WGS 84), empty when not known")),
    Field("longitude", _("Longitude (WGS 84), empty when not known")),
    Field("audience", _("all: all outdoor workers; sanitation: sanitation workers only")),
    Field(
        "services", _("Service codes: water, cool_warm, meal_heating, charging, rest_toilet, other")
    ),
    Field("services_other", _("Other services, in the station's words")),
    Field("facilities", _("Facility codes (6+X), e.g. air_con, microwave, wifi, open_toilet")),
    Field("opening_hours_text", _("Opening hours as posted")),
    Field(
        "opening_hours",
        _(
            "Weekly hours: days (Monday = 0) with start and end; an end not after the start runs past midnight"
        ),
    ),
    Field("open_24h", _("Open 24 hours")),
    Field("toilet_open", _("Toilet open to workers")),
    Field("step_free", _("Step-free entry")),
    Field("carrier_type", _("Kind of host (bank, supermarket, pharmacy…)")),
    Field("host_unit", _("Host unit (an organisation)")),
    Field("union", _("Recommending union")),
    Field("url", _("The station's public page")),
    Field("updated_at", _("Last change to the station's record")),
)
FIELD_NAMES = [f.name for f in FIELDS]
# Names that must never appear in any open-data file (tests assert it).
PRIVATE_FIELDS = ("head_name", "head_mobile")


def open_data_queryset():
    return (
        Station.objects.public().select_related("union", "host_unit").order_by("plaque_seq", "id")
    )


def station_record(station: Station) -> dict:
    return {
        "plaque_number": station.plaque_number,
        "name": station.name,
        "status": station.status,
        "district": station.district,
        "address": station.address,
        "latitude": float(station.latitude) if station.latitude is not None else None,
        "longitude": float(station.longitude) if station.longitude is not None else None,
        "audience": station.audience,
        "services": list(station.services or []),
        "services_other": station.services_other,
        "facilities": list(station.facilities or []),
        "opening_hours_text": station.opening_hours_text,
        "opening_hours": station.opening_hours or [],
        "open_24h": station.open_24h,
        "toilet_open": station.toilet_open,
        "step_free": station.step_free,
        "carrier_type": station.carrier_type,
        "host_unit": station.host_unit.name if station.host_unit else "",
        "union": station.union.name,
        "url": f"{settings.PUBLIC_BASE_URL}/stations/{station.plaque_number}/",
        "updated_at": station.updated_at.isoformat(),
    }


def records() -> list[dict]:
    return [station_record(s) for s in open_data_queryset()]


def _about() -> dict:
    return {
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "publisher": settings.AID_CENTER_NAME,
        "generated_at": timezone.now().isoformat(),
    }


def as_json() -> dict:
    rows = records()
    return {**_about(), "count": len(rows), "stations": rows}


def as_geojson() -> dict:
    features = []
    for row in records():
        lat, lng = row["latitude"], row["longitude"]
        features.append(
            {
                "type": "Feature",
                "id": row["plaque_number"],
                # RFC 7946: [longitude, latitude]; a station without coordinates has none.
                "geometry": None
                if lat is None or lng is None
                else {"type": "Point", "coordinates": [lng, lat]},
                "properties": row,
            }
        )
    return {"type": "FeatureCollection", **_about(), "features": features}


def public_version() -> str:
    """A key that changes whenever the public set or any public station changes.

    Every change to a station (status moves and edits alike) saves ``updated_at``; a station
    leaving the public set changes the count. Changes to a host unit's or union's name are
    not seen here; the cache's timeout bounds how long such a change waits.
    """
    agg = Station.objects.public().aggregate(n=Count("id"), last=Max("updated_at"))
    last = agg["last"].isoformat() if agg["last"] else "-"
    return f"{agg['n']}:{last}"


def geojson_bytes() -> bytes:
    key = f"open-data:geojson:{public_version()}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(as_geojson(), ensure_ascii=False, cls=DjangoJSONEncoder).encode()
        cache.set(key, body, settings.OPEN_DATA_CACHE_SECONDS)
    return body
