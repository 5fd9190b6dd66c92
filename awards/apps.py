from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        # The certificate kind, drawn by the documents app.
        from .certificates import register_kinds

        register_kinds()
        # Its caches, named in history's registry (awards/caches.py).
        from . import caches  # noqa: F401
