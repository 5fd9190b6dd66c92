"""Open data of public stations: one list of fields, read by the JSON, GeoJSON and CSV files
and by the page that documents them.

Public stations only (``Station.objects.public()``) and public facts only: never the station
head's name or mobile, nor anything about a worker.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from dataclasses import dataclass

import orjson
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .excel.writer import neutralise
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


# The columns a record is made of, read as plain values (no model per row: at 200,000
# stations building instances took most of a minute).
_COLUMNS = (
    "plaque_number",
    "name",
    "status",
    "district",
    "address",
    "latitude",
    "longitude",
    "audience",
    "services",
    "services_other",
    "facilities",
    "opening_hours_text",
    "opening_hours",
    "open_24h",
    "toilet_open",
    "step_free",
    "carrier_type",
    "host_unit__name",
    "union__name",
    "updated_at",
)


def open_data_queryset():
    return Station.objects.public().order_by("plaque_seq", "id")


def _record(row: dict, base: str) -> dict:
    lat, lng = row["latitude"], row["longitude"]
    return {
        "plaque_number": row["plaque_number"],
        "name": row["name"],
        "status": row["status"],
        "district": row["district"],
        "address": row["address"],
        "latitude": float(lat) if lat is not None else None,
        "longitude": float(lng) if lng is not None else None,
        "audience": row["audience"],
        "services": list(row["services"] or []),
        "services_other": row["services_other"],
        "facilities": list(row["facilities"] or []),
        "opening_hours_text": row["opening_hours_text"],
        "opening_hours": row["opening_hours"] or [],
        "open_24h": row["open_24h"],
        "toilet_open": row["toilet_open"],
        "step_free": row["step_free"],
        "carrier_type": row["carrier_type"],
        "host_unit": row["host_unit__name"] or "",
        "union": row["union__name"],
        "url": f"{base}/stations/{row['plaque_number']}/",
        "updated_at": row["updated_at"].isoformat(),
    }


def station_record(station: Station) -> dict:
    """One station's record (the same fields as every file)."""
    row = {name: getattr(station, name) for name in _COLUMNS if "__" not in name}
    row["host_unit__name"] = station.host_unit.name if station.host_unit else ""
    row["union__name"] = station.union.name
    return _record(row, settings.PUBLIC_BASE_URL)


def records() -> list[dict]:
    base = settings.PUBLIC_BASE_URL
    rows = open_data_queryset().values(*_COLUMNS).iterator(chunk_size=5000)
    return [_record(row, base) for row in rows]


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


VERSION_KEY = "open-data:version"


def public_version() -> str:
    """A token that changes whenever a station changes, read from the cache (no query).

    Every change to a station goes through ``Station.save()`` (status moves and edits alike;
    nothing updates stations in bulk), whose signal calls ``forget_version``
    (stations.public_cache.connect); the next request draws a new token and so new keys.
    Changes to a host unit's or union's name are not seen here; the cache's timeout bounds
    how long such a change waits.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, settings.OPEN_DATA_CACHE_SECONDS):
            version = cache.get(VERSION_KEY) or version
    return version


def forget_version() -> None:
    cache.delete(VERSION_KEY)


def _cached(kind: str, build) -> bytes:
    """The file ``kind`` of the current version, built once per version and kept."""
    key = f"open-data:{kind}:{public_version()}"
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, settings.OPEN_DATA_CACHE_SECONDS)
    return body


def geojson_bytes() -> bytes:
    # orjson: the whole city in one document is hundreds of thousands of features, which
    # the standard library's encoder writes several times slower.
    return _cached("geojson", lambda: orjson.dumps(as_geojson()))


def json_bytes() -> bytes:
    return _cached("json", lambda: orjson.dumps(as_json()))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_bytes() -> bytes:
    def build() -> bytes:
        out = io.StringIO()
        # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(FIELD_NAMES)
        for row in records():
            # The same neutralising as the Excel exports: text a spreadsheet would run as a
            # formula is written behind an apostrophe.
            writer.writerow([neutralise(_cell(row[name])) for name in FIELD_NAMES])
        return out.getvalue().encode()

    return _cached("csv", build)
