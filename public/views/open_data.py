"""Open data of public stations (/api/v1/): JSON, GeoJSON, CSV, and the page documenting them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _

from public.catalog import catalogue
from stations.models import WeatherAlert
from stations.open_data import (
    FIELDS,
    about,
    changes_since,
    gzip_copy,
    public_version,
    served_file,
)
from unions.access import access

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
# As django.middleware.gzip decides whether a client takes gzip.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _file(request, kind: str):
    """A built open-data file (stations.open_data.served_file), compressed when the client
    accepts it; behind nginx, sent by nginx (OPEN_DATA_ACCEL), which picks the gzip copy
    itself (gzip_static)."""
    found, version = served_file(kind)
    etag = f'"{version}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    elif settings.OPEN_DATA_ACCEL:
        response = HttpResponse(content_type=CONTENT_TYPES[kind])
        response["X-Accel-Redirect"] = settings.OPEN_DATA_ACCEL.rstrip("/") + "/" + found.name
    else:
        packed = gzip_copy(found)
        if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) and packed.exists():
            response = FileResponse(packed.open("rb"), content_type=CONTENT_TYPES[kind])
            response["Content-Encoding"] = "gzip"
        else:
            response = FileResponse(found.open("rb"), content_type=CONTENT_TYPES[kind])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(found.stat().st_mtime)
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Cache-Control"] = "public, max-age=60"
    # Anyone may read open data, from any site's scripts too.
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="stations.{kind}"'
    return response


def _moment(text: str):
    """An ISO 8601 date or date-time; a date, or a time without an offset, is Shanghai's."""
    moment = parse_datetime(text)
    if moment is None:
        day = parse_date(text)
        if day is None:
            return None
        moment = dt.datetime.combine(day, dt.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


def _delta(request):
    """?modified_after=…: only the stations whose record changed since, and those withdrawn
    from the public list since, a page of DELTA_PAGE at a time (issue 24, item 3). The ETag
    follows the open data's version, so an aggregator polling an unchanged portal is told
    304 without a query."""
    try:
        after = _moment(request.GET["modified_after"])
        cursor = None
        if "cursor" in request.GET:
            moment_text, _sep, last_id = request.GET["cursor"].rpartition("~")
            cursor = (_moment(moment_text), int(last_id))
            if cursor[0] is None:
                raise ValueError
    except (ValueError, OverflowError):
        after = None
    if after is None:
        return _bad_request(
            _(
                "modified_after must be a date or date-time in ISO 8601, e.g. 2026-12-01T08:00:00+08:00."
            )
        )
    query = request.GET.urlencode()
    etag = f'"{public_version()}-{hashlib.sha256(query.encode()).hexdigest()[:12]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        delta = changes_since(after, cursor)
        following = None
        if delta.cursor is not None:
            following = request.build_absolute_uri(
                "?"
                + urlencode(
                    {
                        "modified_after": request.GET["modified_after"],
                        "cursor": f"{delta.cursor[0]}~{delta.cursor[1]}",
                    }
                )
            )
        response = JsonResponse(
            {
                **about(),
                "modified_after": after.isoformat(),
                "stations": delta.stations,
                "withdrawn": delta.withdrawn,
                "next": following,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@access(public=True)
def stations_json(request):
    if "modified_after" in request.GET:
        return _delta(request)
    return _file(request, "json")


@access(public=True)
def stations_geojson(request):
    return _file(request, "geojson")


@access(public=True)
def stations_csv(request):
    return _file(request, "csv")


@access(public=True)
def open_data_index(request):
    return render(
        request,
        "public/open_data.html",
        {
            "fields": FIELDS,
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        },
    )


@access(public=True)
def open_data_catalog(request):
    """The DCAT catalogue of the open datasets (public/catalog.py), as JSON-LD."""
    response = JsonResponse(
        catalogue(), content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


# How long a client may keep the alerts: a declared alert reaches it within this.
ALERTS_MAX_AGE = 300


@access(public=True)
def open_data_alerts(request):
    """Today's and coming heat and cold alerts: with each station's ``alert_hours`` they say
    which hours hold today (stations/alert_hours.py states the rule)."""
    today = timezone.localdate()
    alerts = WeatherAlert.objects.filter(ends_on__gte=today).order_by("starts_on", "id")[:100]
    body = {
        "about": _(
            "Heat and cold alerts in force today or coming. While one runs, a station's "
            "alert_hours entry of its kind with the highest from_level not above the alert's "
            "level adds to its opening hours."
        ),
        "alerts": [
            {
                "id": a.pk,
                "kind": a.kind,
                "level": a.level,
                "starts_on": a.starts_on.isoformat(),
                "ends_on": a.ends_on.isoformat(),
                "note": a.note,
            }
            for a in alerts
            if a.ends_on >= a.starts_on
        ],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={ALERTS_MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


urlpatterns = [
    path("api/v1/", open_data_index, name="open_data"),
    path("api/v1/catalog.json", open_data_catalog, name="open_data_catalog"),
    path("api/v1/stations.json", stations_json, name="open_data_json"),
    path("api/v1/stations.geojson", stations_geojson, name="open_data_geojson"),
    path("api/v1/stations.csv", stations_csv, name="open_data_csv"),
    path("api/v1/alerts.json", open_data_alerts, name="open_data_alerts"),
]
