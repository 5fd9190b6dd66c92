from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """What an anonymous visitor or an integrator meets (issue 22): the home page, the
    directory and map, a station's page, feedback and visit taps, open data, the offline
    pages and service worker, the rankings and the honours. It sits above every app whose
    data it shows and reads them directly. It has no models."""

    name = "public"
    verbose_name = _("Public service")

    def ready(self) -> None:
        # Its caches, named in history's registry (public/caches.py).
        from . import caches  # noqa: F401
