"""Open data of public stations: one list of fields, read by the JSON, GeoJSON and CSV files
and by the page that documents them.

Public stations only (``Station.objects.public()``) and public facts only: never the station
head's name or mobile, nor anything about a worker.

The files are built, not rendered per request: at 200,000 stations reading and writing them
takes tens of seconds, and the GeoJSON alone is 160 MB (12 MB compressed). ``build`` writes
all three, each with a gzip copy, in one pass over the stations, into ``OPEN_DATA_ROOT``
under the current version (``public_version``); a request serves the file of its version
from disk (``served_file``), or, while that one is being built, the previous version's, so
no visitor waits for a build once a first one exists. Any change to a station draws a new
version; the build is a Celery job (``stations.open_data_build``), queued by the first
request that finds its version missing and run every few minutes by beat.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import orjson
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .excel.writer import neutralise
from .freshness import is_doubtful
from .models import Station
from .osm_hours import osm_opening_hours


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
    Field(
        "opening_hours_osm",
        _(
            "The same hours in OpenStreetMap's opening_hours syntax (e.g. Mo-Fr 09:00-17:00), "
            "empty when not known"
        ),
    ),
    Field("open_24h", _("Open 24 hours")),
    Field(
        "alert_hours",
        _(
            "Hours kept under heat or cold alerts (清凉模式, 暖心模式): per kind (heat, cold), "
            "from an alert level (1 blue to 4 red) up, as posted and as weekly hours; "
            "today's alerts are in /api/v1/alerts.json"
        ),
    ),
    Field("toilet_open", _("Toilet open to workers")),
    Field("step_free", _("Step-free entry")),
    Field("carrier_type", _("Kind of host (bank, supermarket, pharmacy…)")),
    Field("host_unit", _("Host unit (an organisation)")),
    Field("union", _("Recommending union")),
    Field("url", _("The station's public page")),
    Field("updated_at", _("Last change to the station's record")),
    Field(
        "confirmed_on",
        _(
            "The day the details were last confirmed: by a supervision check, the union, or "
            "the acceptance when the station opened"
        ),
    ),
    Field(
        "details_unverified",
        _(
            "true when the details are to be verified: unconfirmed for long, or reported "
            "closed during posted hours"
        ),
    ),
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
    "alert_hours",
    "toilet_open",
    "step_free",
    "carrier_type",
    "host_unit__name",
    "union__name",
    "updated_at",
    "confirmed_on",
    "reported_closed_on",
)


log = logging.getLogger(__name__)

KINDS = ("geojson", "json", "csv")
# How many versions' files stay on disk: the current one, and the ones a request or nginx
# may still be reading.
KEEP_VERSIONS = 3


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
        "opening_hours_osm": _osm(row["opening_hours"], row["open_24h"]),
        "open_24h": row["open_24h"],
        "alert_hours": _alert_hours(row["alert_hours"]),
        "toilet_open": row["toilet_open"],
        "step_free": row["step_free"],
        "carrier_type": row["carrier_type"],
        "host_unit": row["host_unit__name"] or "",
        "union": row["union__name"],
        "url": f"{base}/stations/{row['plaque_number']}/",
        "updated_at": row["updated_at"].isoformat(),
        "confirmed_on": row["confirmed_on"].isoformat() if row["confirmed_on"] else None,
        "details_unverified": _unverified(row),
    }


def _alert_hours(kept: dict | None) -> dict:
    return {
        kind: [
            {
                "from_level": entry.get("level"),
                "text": entry.get("text", ""),
                "open_24h": bool(entry.get("open_24h")),
                "opening_hours": entry.get("slots") or [],
            }
            for entry in entries
        ]
        for kind, entries in sorted((kept or {}).items())
    }


def _unverified(row: dict) -> bool:
    # As the public page says it (stations/freshness.py), on the day the file is built.
    return is_doubtful(SimpleNamespace(**row), timezone.localdate())


def _osm(slots, open_24h: bool) -> str | None:
    # Most stations share a handful of hour patterns: each is written once per build.
    key = (orjson.dumps(slots), bool(open_24h))
    found = _OSM_SEEN.get(key)
    if found is None and key not in _OSM_SEEN:
        found = _OSM_SEEN[key] = osm_opening_hours(slots, open_24h)
        if len(_OSM_SEEN) > 10_000:
            _OSM_SEEN.clear()
    return found


_OSM_SEEN: dict[tuple[bytes, bool], str | None] = {}


def station_record(station: Station) -> dict:
    """One station's record (the same fields as every file)."""
    row = {name: getattr(station, name) for name in _COLUMNS if "__" not in name}
    row["host_unit__name"] = station.host_unit.name if station.host_unit else ""
    row["union__name"] = station.union.name
    return _record(row, settings.PUBLIC_BASE_URL)


def about() -> dict:
    """The licence and publisher every open-data answer states."""
    return {
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "publisher": settings.AID_CENTER_NAME,
        "generated_at": timezone.now().isoformat(),
    }


def _feature(record: dict) -> dict:
    lat, lng = record["latitude"], record["longitude"]
    return {
        "type": "Feature",
        "id": record["plaque_number"],
        # RFC 7946: [longitude, latitude]; a station without coordinates has none.
        "geometry": None
        if lat is None or lng is None
        else {"type": "Point", "coordinates": [lng, lat]},
        "properties": record,
    }


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


def _csv_line(values: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow(values)
    return out.getvalue().encode()


# --- Changes since a moment (an aggregator's delta) -------------------------------------------
# How many changed stations one answer holds; ``next`` continues after the last one.
DELTA_PAGE = 500


@dataclass(frozen=True)
class Delta:
    stations: list[dict]  # public stations changed since, as records of the files
    withdrawn: list[dict]  # numbered stations changed since that are no longer public
    cursor: tuple[str, int] | None  # where the next page starts, when there is one


def changes_since(after, cursor: tuple[object, int] | None = None, limit: int | None = None):
    """Numbered stations whose record changed after ``after`` (an aware datetime), oldest
    change first, keyed by (updated_at, id) so a page never shifts under an aggregator.
    The index station_last_change serves it."""
    from django.db.models import Q

    limit = limit or DELTA_PAGE
    rows = Station.objects.with_plaque().filter(updated_at__gt=after)
    if cursor is not None:
        moment, last_id = cursor
        rows = rows.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, id__gt=last_id))
    found = list(rows.order_by("updated_at", "id").values("id", *_COLUMNS)[: limit + 1])
    more = len(found) > limit
    found = found[:limit]
    public = set(
        Station.objects.public()
        .filter(pk__in=[r["id"] for r in found])
        .values_list("pk", flat=True)
    )
    base = settings.PUBLIC_BASE_URL
    stations, withdrawn = [], []
    for row in found:
        if row["id"] in public:
            stations.append(_record(row, base))
        else:
            withdrawn.append(
                {
                    "plaque_number": row["plaque_number"],
                    "status": row["status"],
                    "updated_at": row["updated_at"].isoformat(),
                }
            )
    last = found[-1] if more else None
    return Delta(
        stations, withdrawn, (last["updated_at"].isoformat(), last["id"]) if last else None
    )


# --- Versions -------------------------------------------------------------------------------
VERSION_KEY = "open-data:version"


def public_version() -> str:
    """A token that changes whenever a station changes, read from the cache (no query).

    Every announced change to a station that is or was public, and to a union's or host
    unit's name, drops it (``forget_version``, called through history's registry: the
    entry "open-data" in stations/caches.py); a draft's edits do not. The next request
    draws a new token and so new files.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, settings.OPEN_DATA_CACHE_SECONDS):
            version = cache.get(VERSION_KEY) or version
    return version


def forget_version() -> None:
    cache.delete(VERSION_KEY)


# --- Files on disk --------------------------------------------------------------------------
def _root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


_PREFIX = "stations-"


def file_of(version: str, kind: str) -> Path:
    return _root() / f"{_PREFIX}{version}.{kind}"


def gzip_copy(path: Path) -> Path:
    """The gzip copy built beside a file (nginx's gzip_static looks for this name)."""
    return path.with_name(f"{path.name}.gz")


@contextmanager
def _written(path: Path):
    """A file and its gzip copy, written beside their names and moved in place when whole, so
    a reader sees the old file or the new one, never a part."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as plain:
            yield plain
        with open(partial, "rb") as plain, gzip.open(gzip_copy(partial), "wb", 6) as packed:
            shutil.copyfileobj(plain, packed, 1 << 20)
        os.replace(gzip_copy(partial), gzip_copy(path))
        os.replace(partial, path)
    finally:
        for leftover in (partial, gzip_copy(partial)):
            leftover.unlink(missing_ok=True)


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """One consistent view of the stations for the count and the rows (a file's count
    matches its rows): a read-only repeatable-read transaction on PostgreSQL, unless the
    caller's transaction is already open (its own snapshot rules then)."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def build(version: str | None = None) -> str:
    """Write the three files of ``version`` (the current one by default) in one pass over
    the public stations, streaming (the rows are never all in memory); returns the version."""
    version = version or public_version()
    _root().mkdir(parents=True, exist_ok=True)
    base = settings.PUBLIC_BASE_URL
    stated = about()
    with _one_snapshot(), ExitStack() as files:
        geojson, as_json, as_csv = (
            files.enter_context(_written(file_of(version, kind))) for kind in KINDS
        )
        count = open_data_queryset().count()
        head = orjson.dumps({"type": "FeatureCollection", **stated, "features": []})
        geojson.write(head[:-2])  # up to the features' opening bracket
        head = orjson.dumps({**stated, "count": count, "stations": []})
        as_json.write(head[:-2])
        # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
        as_csv.write("\ufeff".encode() + _csv_line(FIELD_NAMES))
        rows = open_data_queryset().values(*_COLUMNS).iterator(chunk_size=5000)
        for n, row in enumerate(rows):
            record = _record(row, base)
            comma = b"," if n else b""
            geojson.write(comma + orjson.dumps(_feature(record)))
            as_json.write(comma + orjson.dumps(record))
            # The same neutralising as the Excel exports: text a spreadsheet would run as a
            # formula is written behind an apostrophe.
            as_csv.write(_csv_line([neutralise(_cell(record[name])) for name in FIELD_NAMES]))
        geojson.write(b"]}")
        as_json.write(b"]}")
    _prune()
    return version


def _versions_on_disk() -> list[str]:
    """The versions built on disk (their GeoJSON files), newest first."""
    found = []
    for path in _root().glob(file_of("*", "geojson").name):
        try:
            found.append((path.stat().st_mtime, path.name))
        except FileNotFoundError:  # pruned by another process meanwhile
            continue
    return [
        name.removeprefix(_PREFIX).removesuffix(".geojson")
        for _mtime, name in sorted(found, reverse=True)
    ]


def _prune() -> None:
    for version in _versions_on_disk()[KEEP_VERSIONS:]:
        for kind in KINDS:
            path = file_of(version, kind)
            path.unlink(missing_ok=True)
            gzip_copy(path).unlink(missing_ok=True)


def _queue_build(version: str) -> None:
    """Queue the build of ``version`` once (the first request to miss it queues it)."""
    if not cache.add(f"open-data:building:{version}", 1, settings.OPEN_DATA_BUILD_SECONDS):
        return  # queued already, or the cache is down (the previous files go on serving)
    try:
        open_data_build_task.delay(version)
    except Exception:  # the broker is down: the files on disk go on serving
        log.exception("open data: the build of version %s could not be queued", version)


@shared_task(name="stations.open_data_build")
def open_data_build_task(version: str | None = None) -> str:
    """The open-data files of ``version`` (the current one by default); beat runs it every
    few minutes, a no-op while the current version's files exist."""
    version = version or public_version()
    if all(file_of(version, kind).exists() for kind in KINDS):
        return version
    return build(version)


def served_file(kind: str) -> tuple[Path, str]:
    """The file of ``kind`` to serve and its version: the current version's when built,
    else the newest built (its build queued), else one built here and now (a first ever)."""
    version = public_version()
    path = file_of(version, kind)
    if path.exists():
        return path, version
    _queue_build(version)  # in the embedded mode the job runs here, now
    if path.exists():
        return path, version
    for older in _versions_on_disk():
        if file_of(older, kind).exists():
            return file_of(older, kind), older
    build(version)
    return path, version
