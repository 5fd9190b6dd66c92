from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from stations.excel.forms import MAX_UPLOAD_BYTES
from unions.access import ANY_STAFF, access
from unions.models import Role
from unions.roles import role_of

from .beat import beat_late_entries
from .dashboards import cache_key, pending_work
from .metrics import count_database_error, metrics_response

log = logging.getLogger(__name__)


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


@access(public=True)
def upload_too_large(request: HttpRequest) -> HttpResponse:
    """nginx's answer to a request over its cap (error_page 413 in deploy/nginx/relay.conf):
    the portal's own page in Chinese instead of nginx's bare one."""
    return render(request, "413.html", {"file_mb": MAX_UPLOAD_BYTES // 2**20}, status=413)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_static() -> None:
    """With hashed names (production), every page's ``{% static %}`` reads the manifest
    collectstatic wrote: without it, or with a file it names gone, every page answers 500
    while the database, cache and broker are fine."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return  # development and tests: the finders serve ``static/`` as it is
    content = staticfiles_storage.read_manifest()
    if content is None:
        raise RuntimeError("no static manifest: run collectstatic")
    paths = json.loads(content).get("paths", {})
    if not paths:
        raise RuntimeError("the static manifest names no file")
    root = Path(staticfiles_storage.location)
    unreadable = [h for h in paths.values() if not os.access(root / h, os.R_OK)]
    if unreadable:
        raise RuntimeError(f"{len(unreadable)} static files unreadable, e.g. {unreadable[0]}")


def _check_broker() -> None:
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
@access(public=True)
def healthz(request: HttpRequest) -> HttpResponse:
    checks = {
        "database": _check_database,
        "cache": _check_cache,
        "broker": _check_broker,
        "static": _check_static,
    }
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means unhealthy; say which
            log.warning("healthz: %s failed: %s", name, exc)
            results[name] = "error"
            if name == "database" and isinstance(exc, DatabaseError):
                count_database_error(exc)
    late: list[str] = []
    # A load balancer asks with ?skip=beat: a late beat is every node's 503 at once, and
    # taking them all out of service would stop pages that still work.
    if settings.BEAT_EXPECTED and request.GET.get("skip") != "beat":
        # Only where a beat is meant to run (production); the embedded mode has none. A
        # stopped beat fails nothing else: no quarterly draft, no open-data build, silently.
        try:
            late = beat_late_entries()
            results["beat"] = "error" if late else "ok"
        except Exception as exc:
            log.warning("healthz: beat's runs unreadable: %s", exc)
            results["beat"] = "error"
    healthy = all(v == "ok" for v in results.values())
    body = {"status": "ok" if healthy else "error", "checks": results}
    if late:
        body["beat_late"] = late
    if settings.DEBUG:
        body["mode"] = "embedded" if settings.CELERY_TASK_ALWAYS_EAGER else "services"
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@access(public=True)
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics (config/metrics.py): the operators' network or their token only;
    anyone else is answered 404, as for a page that does not exist."""
    return metrics_response(request)
