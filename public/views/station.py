"""Public pages: a station's page, the one its plaque's QR code points to."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from awards.station_titles import station_titles
from inspections.public_check import last_public_check
from public.station_jsonld import jsonld_script, station_jsonld
from stations import public_cache
from stations.alert_hours import NO_ALERTS, around, rows_of
from stations.datum import map_app_links
from stations.freshness import is_doubtful
from stations.models import Campaign, Station, StationStatus
from stations.open_now import open_now
from stations.services.campaigns import campaigns_reaching
from stations.services.feedback import station_rating
from stations.services.visits import station_visits
from unions.access import access

# What the plaque means at each stage a numbered station can be in, for a passer-by who
# scanned it. Numbers are issued at approval, so no other status carries one.
PLAQUE_STAGES = {
    StationStatus.APPROVED: "preparing",
    StationStatus.ACTIVE: "valid",
    StationStatus.RECTIFYING: "rectifying",
    StationStatus.REVOKED: "revoked",
    StationStatus.CLOSED: "closed",
}


def directions(station: Station) -> dict[str, str] | None:
    """Links that open a map at the station: Amap, Baidu and Tencent Maps each in its own
    datum (stations/datum.py), a geo: URI (RFC 5870, WGS-84) that phones hand to whichever
    map app they have, and a web map when MAP_DIRECTIONS_URL is set."""
    if station.latitude is None or station.longitude is None:
        return None
    lat, lng = f"{station.latitude:.6f}", f"{station.longitude:.6f}"
    links = map_app_links(station.latitude, station.longitude, station.name, station.address)
    if settings.MAP_DIRECTIONS_URL:
        links["web"] = settings.MAP_DIRECTIONS_URL.format(
            lat=lat, lng=lng, name=quote(station.name)
        )
    # The directory, nearest to this station first.
    links["nearby"] = f"{reverse('stations:directory')}?near={lat},{lng}"
    return links


@access(public=True)
def station_public(request, plaque_no: str):
    """Answers for every plaque ever issued and tells the truth about it at every stage.

    Only an operating station (active or rectifying) shows its address, hours, services
    and masked head; the reason a staff member typed for a revocation is never shown, as
    it may name people: the page states the programme's own ground for the step instead.
    """
    cached = public_cache.served(request, public_cache.station_page(plaque_no))
    if cached is not None:
        return cached
    station = (
        Station.objects.with_plaque()
        .select_related("union", "host_unit")
        .filter(plaque_number=plaque_no.upper())
        .first()
    )
    if station is None or station.status not in PLAQUE_STAGES:
        raise Http404
    if plaque_no != station.plaque_number:
        # One address per plaque (sh00004 -> SH00004), so links and caches agree.
        return redirect("stations:public_detail", plaque_no=station.plaque_number, permanent=True)
    operating = station.is_public
    closures = list(station.closures.not_over(timezone.localdate())) if operating else []
    # open_now reads today's closure from these rather than asking again.
    station.current_closures = closures
    # Heat and cold alerts are read only for a station that keeps hours under them.
    alerts = around(timezone.now()) if operating and station.alert_hours else NO_ALERTS
    alert_rows = rows_of(station.alert_hours, timezone.localdate(), alerts) if operating else []
    context = {
        "station": station,
        "stage": PLAQUE_STAGES[station.status],
        "operating": operating,
        "open_now": open_now(station, alerts=alerts) if operating else None,
        # 清凉模式 / 暖心模式: the hours it keeps under alerts, today's marked.
        "alert_rows": alert_rows,
        "alert_today": [row for row in alert_rows if row.today],
        "directions": directions(station) if operating else None,
        # Today's and coming temporary closures, as the union posted them.
        "closures": closures,
        # Revoked before it ever opened: the ground is not a failed service.
        "ever_operated": station.activated_at is not None,
        # Workers' own word: the mean rating (from a minimum count) and the visits served.
        "rating": station_rating(station) if operating else None,
        "rating_min_count": settings.FEEDBACK_RATING_MIN_COUNT,
        "visits": station_visits(station) if operating else 0,
        # The last independent check (inspections.public_check).
        "last_check": last_public_check(station) if operating else None,
        # Honours (awards.station_titles).
        "titles": station_titles(station),
        # Running campaigns whose goods reached this station (本站参与…：可领取…).
        "campaigns": list(
            Campaign.objects.running(timezone.localdate()).filter(campaigns_reaching(station))[:3]
        )
        if operating
        else [],
        # Unconfirmed for long or reported closed: 信息待核实 (stations/freshness.py).
        "details_doubtful": is_doubtful(station, timezone.localdate()) if operating else False,
        # What search engines and map apps read (schema.org JSON-LD), for an open station.
        "jsonld": jsonld_script(station_jsonld(station, closures, alert_rows)) if operating else "",
    }
    return public_cache.render_and_keep(
        request,
        public_cache.station_page(station.plaque_number),
        lambda extra: render(request, "public/station_detail.html", {**context, **extra}),
    )


urlpatterns = [
    path("stations/<str:plaque_no>/", station_public, name="public_detail"),
]
