"""What the phone keeps for working without signal: the service worker and the day's data.

The service worker is a static file (static/js/inspection_sw.js) served from under
/staff/inspections/ so that its scope covers the check form and the today page; the view
puts in front of it the list of URLs to keep, with the static files' real (hashed, in
production) URLs, and a version that changes whenever that list or the worker changes, so
phones pick up a new worker and drop the old cache.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from unions.access import access
from unions.models import Role

from ...permissions import CHECK_LOGGERS
from ..caches import current_checklist
from ..selectors import day_plan, form_stations

# Static files the check form and the today page need with no signal.
OFFLINE_STATIC = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/portal.css",
    "css/inspections.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/portal.js",
    "js/inspection_outbox.js",
    "js/inspection_form.js",
    "js/inspection_today.js",
)
WORKER = Path(settings.BASE_DIR) / "static" / "js" / "inspection_sw.js"


@cache
def _worker_source() -> str:
    return WORKER.read_text(encoding="utf-8")


def offline_pages() -> list[str]:
    return [
        reverse("inspections:check_new"),
        reverse("inspections:today"),
        reverse("inspections:check_day"),
    ]


@access(public=True)
def service_worker(request):
    """The worker script; public like any static file (it holds no data), and the pages
    it keeps are fetched with the signed-in user's own cookies."""
    source = _worker_source() if not settings.DEBUG else WORKER.read_text(encoding="utf-8")
    assets = [static(path) for path in OFFLINE_STATIC]
    pages = offline_pages()
    version = hashlib.sha256((source + json.dumps([assets, pages])).encode("utf-8")).hexdigest()[
        :12
    ]
    config = {
        "version": version,
        "assets": assets,
        "pages": pages,
        "login": reverse("accounts:login"),
    }
    body = f"self.RELAY_OFFLINE = {json.dumps(config)};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers re-check the worker at most daily anyway; never let a cache hold it longer.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("inspections:check_new").rsplit("checks/", 1)[0]
    return response


@access(*CHECK_LOGGERS)
def check_day(request):
    """The day's data for the phone: the checklist version, the stations the form offers
    before any search (the quarter's planned visits, marked, and those checked lately: the
    plan's size, never the scope), and a fresh CSRF token for sending the queue (production
    keeps the CSRF cookie away from scripts)."""
    user = request.user
    plan = day_plan(user)
    planned = []
    if user.profile.role == Role.INSPECTOR:
        planned = [{"station": station.pk, "name": station.name} for station in plan]
    current = current_checklist()
    return JsonResponse(
        {
            "user": user.get_username(),
            "date": timezone.localdate().isoformat(),
            "checklist_version": current[0].version if current else None,
            "planned": planned,
            "stations": form_stations(user, plan=plan),
            "csrf_token": get_token(request),
        }
    )
