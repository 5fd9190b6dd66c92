from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project as an app: what needs every app below it, and the operator's view of the
    machinery (failed jobs, beat's runs: config/models.py)."""

    name = "config"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # The staff home's cached cards, named in history's registry with what drops them
        # (config/dashboards.py). Celery's signals: job outcomes counted and failures
        # recorded (config/jobs.py), in every process that runs jobs; beat's start stamped
        # (config/beat.py).
        from . import beat, dashboards, jobs  # noqa: F401
        from .csrf_random import install

        # CSRF secrets and masks drawn with one system call (config/csrf_random.py).
        install()
