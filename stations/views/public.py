"""Public pages: a station's page, the one its plaque's QR code points to."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from unions.access import access

from ..models import Station, StationStatus


@access(public=True)
def station_public(request, plaque_no: str):
    """Answers for every plaque ever issued, and says plainly when it is no longer valid."""
    station = (
        Station.objects.with_plaque()
        .select_related("union", "host_unit")
        .filter(plaque_number=plaque_no.upper())
        .first()
    )
    if station is None:
        raise Http404
    return render(
        request,
        "public/station_detail.html",
        {
            "station": station,
            "revoked": station.status == StationStatus.REVOKED,
            "closed": station.status == StationStatus.CLOSED,
            "not_yet_open": station.status == StationStatus.APPROVED,
        },
        status=200,
    )


urlpatterns = [
    path("stations/<str:plaque_no>/", station_public, name="public_detail"),
]
