"""Open data of public stations (/api/v1/): JSON, GeoJSON, CSV, and the page documenting them."""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from unions.access import access

from ..excel.writer import neutralise
from ..open_data import FIELD_NAMES, FIELDS, as_json, geojson_bytes, records


def _open(response: HttpResponse, filename: str) -> HttpResponse:
    # Anyone may read open data, from any site's scripts too.
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@access(public=True)
def stations_json(request):
    body = json.dumps(as_json(), ensure_ascii=False, cls=DjangoJSONEncoder)
    return _open(
        HttpResponse(body, content_type="application/json; charset=utf-8"), "stations.json"
    )


@access(public=True)
def stations_geojson(request):
    return _open(
        HttpResponse(geojson_bytes(), content_type="application/geo+json; charset=utf-8"),
        "stations.geojson",
    )


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


@access(public=True)
def stations_csv(request):
    out = io.StringIO()
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(FIELD_NAMES)
    for row in records():
        # The same neutralising as the Excel exports: text a spreadsheet would run as a
        # formula is written behind an apostrophe.
        writer.writerow([neutralise(_cell(row[name])) for name in FIELD_NAMES])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    return _open(response, "stations.csv")


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


urlpatterns = [
    path("api/v1/", open_data_index, name="open_data"),
    path("api/v1/stations.json", stations_json, name="open_data_json"),
    path("api/v1/stations.geojson", stations_geojson, name="open_data_geojson"),
    path("api/v1/stations.csv", stations_csv, name="open_data_csv"),
]
