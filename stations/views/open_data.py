"""Open data of public stations (/api/v1/): JSON, GeoJSON, CSV, and the page documenting them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from unions.access import access

from ..open_data import FIELDS, csv_bytes, geojson_bytes, json_bytes


def _open(response: HttpResponse, filename: str) -> HttpResponse:
    # Anyone may read open data, from any site's scripts too.
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@access(public=True)
def stations_json(request):
    return _open(
        HttpResponse(json_bytes(), content_type="application/json; charset=utf-8"), "stations.json"
    )


@access(public=True)
def stations_geojson(request):
    return _open(
        HttpResponse(geojson_bytes(), content_type="application/geo+json; charset=utf-8"),
        "stations.geojson",
    )


@access(public=True)
def stations_csv(request):
    return _open(HttpResponse(csv_bytes(), content_type="text/csv; charset=utf-8"), "stations.csv")


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
