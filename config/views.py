from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from stations.models import Station
from stations.services.visits import visits_total
from unions.access import ANY_STAFF, access
from unions.models import Role
from unions.roles import role_of

from .dashboards import cache_key, pending_work

log = logging.getLogger(__name__)


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


@access(public=True)
def public_home(request: HttpRequest) -> HttpResponse:
    counts = cache.get_or_set(PUBLIC_COUNTS_KEY, public_counts, PUBLIC_COUNTS_SECONDS)
    # The visits total is cached for a minute on its own: the busiest page does not sum
    # every visit row each time.
    return render(request, "public/home.html", {**counts, "visits_total": visits_total()})


@access(*ANY_STAFF)
def staff_home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    return render(
        request,
        f"home/{role}.html",
        {
            # Lazy: the cards are made, and queried, only when the template has no copy.
            "work": SimpleLazyObject(lambda: pending_work(request.user)),
            "work_cache_key": cache_key(request.user),
            "work_cache_seconds": settings.STAFF_HOME_CACHE_SECONDS,
            "is_admin": role == Role.ADMIN,
        },
    )


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker() -> None:
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
@access(public=True)
def healthz(request: HttpRequest) -> HttpResponse:
    checks = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means unhealthy; say which
            log.warning("healthz: %s failed: %s", name, exc)
            results[name] = "error"
    healthy = all(v == "ok" for v in results.values())
    body = {"status": "ok" if healthy else "error", "checks": results}
    if settings.DEBUG:
        body["mode"] = "embedded" if settings.CELERY_TASK_ALWAYS_EAGER else "services"
    return JsonResponse(body, status=200 if healthy else 503)
