"""The web app manifest and the service worker, so that a worker who loses signal between
two tower blocks can still open the directory and the station pages last seen.

Both are views rather than static files: the service worker must be served from the root to
control "/" and "/stations/…", and both name the static files by their final (hashed, in
production) URLs, which only ``static()`` knows.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import gettext as _

from unions.access import access

# The programme red of static/css/portal.css (--relay-red).
THEME_COLOUR = "#c8102e"

# The app shell: every page's CSS and JS. Cached when the service worker installs, so a
# page saved for offline use opens fully styled. The map's Leaflet files are not in it: the
# directory loads them only when the map comes into view, and the worker keeps any static
# file the moment a page fetches it, so precaching them would spend a phone's data on a map
# it may never show.
SHELL_FILES = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/portal.css",
    "js/portal.js",
    "js/offline.js",
    "js/directory.js",
    "icons/icon-192.png",
)


@access(public=True)
def manifest(request):
    body = {
        "name": "户外职工爱心接力站",
        "short_name": "爱心接力站",
        "description": _("Find an outdoor workers' relay station near you."),
        "lang": "zh-CN",
        "start_url": reverse("stations:directory"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": static(f"icons/icon-{n}.png"),
                "sizes": f"{n}x{n}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for n in (192, 512)
        ],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response


@access(public=True)
def service_worker(request):
    shell = [static(name) for name in SHELL_FILES]
    # A new shell (a new hashed file name after a deploy) is a new cache; the old one goes.
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    script = render_to_string(
        "public/sw.js",
        {
            "shell_json": json.dumps(shell),
            "version": version,
            "directory": reverse("stations:directory"),
            "home": reverse("public_home"),
            "static_prefix": settings.STATIC_URL,
        },
    )
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    # Browsers check for a new worker on every navigation; never let a cache answer them.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


urlpatterns = [
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
]
