"""The public home page: how many stations are open, where, and how many visits served."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from public.caches import alert_key
from stations.alert_hours import MODE_FROM, around, notices
from stations.models import Station
from stations.services.visits import visits_total
from unions.access import access

# The home page's counts group every public station by district: 120 ms at 200,000
# stations, on every visit. They change a few times a day; a minute's lag is invisible.
PUBLIC_COUNTS_KEY = "public_home:counts"
PUBLIC_COUNTS_SECONDS = 60


def public_counts() -> dict:
    public = Station.objects.public()
    by_district = list(
        public.values("district").annotate(n=Count("id")).order_by("-n", "district")[:16]
    )
    return {"station_count": public.count(), "by_district": by_district}


def alert_banner(day) -> list[dict]:
    """Today's heat or cold alerts, each with how many public stations keep its mode's hours
    (清凉模式 / 暖心模式): the count reads the kind's small partial index."""
    banner = []
    for notice in notices(around(timezone.now()), day):
        keeping = Station.objects.public().filter(
            **{f"{MODE_FROM[notice.kind]}__lte": notice.level}
        )
        banner.append({"notice": notice, "stations": keeping.count()})
    return banner


@access(public=True)
def public_home(request: HttpRequest) -> HttpResponse:
    counts = cache.get_or_set(PUBLIC_COUNTS_KEY, public_counts, PUBLIC_COUNTS_SECONDS)
    today = timezone.localdate()
    # Dropped by an alert or a station's alert hours (public/caches.py); kept a minute.
    alerts = cache.get_or_set(alert_key(today), lambda: alert_banner(today), PUBLIC_COUNTS_SECONDS)
    # The visits total is cached for a minute on its own: the busiest page does not sum
    # every visit row each time.
    return render(
        request,
        "public/home.html",
        {**counts, "visits_total": visits_total(), "alerts": alerts},
    )


urlpatterns = [path("", public_home, name="public_home")]
