"""Scheduled work of the stations app (CELERY_BEAT_SCHEDULE names these); thin, as tasks are."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="stations.registry_exports_expire")
def registry_exports_expire_task() -> int:
    """Daily: delete registry exports past REGISTRY_EXPORT_KEEP_DAYS (personal data)."""
    from .documents.registry_export import registry_exports_expire

    return registry_exports_expire()


@shared_task(name="stations.feedback_digest")
def feedback_digest_task() -> int:
    """Hourly: one notice and mail per union listing its new complaint tickets and reports."""
    from .services.feedback import feedback_digest

    return feedback_digest()


@shared_task(name="stations.listings_doubt_refresh")
def listings_doubt_refresh_task() -> int:
    """Daily: the kept doubt of every numbered station brought in line with the rule."""
    from .services.freshness import listings_doubt_refresh

    return listings_doubt_refresh()


@shared_task(name="stations.alerts_feed_read")
def alerts_feed_read_task() -> dict:
    """Every quarter hour: the heat and cold alerts of ALERT_FEED_URL, when it is set."""
    from .services.alerts import alerts_feed_read

    return alerts_feed_read()


# Defined beside the files it builds (stations/open_data.py), which queue it; imported here
# so that the worker's autodiscovery registers it.
from .open_data import open_data_build_task  # noqa: E402, F401
