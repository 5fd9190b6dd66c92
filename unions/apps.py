from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = _("Unions and accounts")

    def ready(self) -> None:
        from . import auth_events  # noqa: F401  (connects the login signal receivers)
