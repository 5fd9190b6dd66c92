from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project as an app: no models, only what needs every app below it."""

    name = "config"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # The staff home's cached cards are dropped when a record they show changes.
        from . import dashboards

        dashboards.connect()
