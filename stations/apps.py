from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("Stations")

    def ready(self) -> None:
        # 附件1–3, the plaque and the filing's zip, made by the documents app.
        from .documents.kinds import register_kinds

        register_kinds()
        # The caches of station data, named in history's registry with what drops them.
        from . import caches  # noqa: F401
