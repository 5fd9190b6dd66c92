"""Beat's own record of what it sent, and how late each schedule entry is.

A stopped beat is silent: no quarterly draft, no open-data build, no overdue-order notice,
and nothing fails. So beat stamps each entry it sends (``StampingScheduler``, set as
CELERY_BEAT_SCHEDULER) and its own start (``beat_init``) in the database, which every web
node reads: ``beat_lateness`` compares each entry's last stamp with its schedule, /healthz
answers 503 naming "beat" when one is late by more than BEAT_MAX_LATE_SECONDS (where
BEAT_EXPECTED says a beat should run at all), and /metrics exports both.

The database, not the cache: a Redis restart must not make a quarterly job look as if it
never ran, and the stamps are a handful of rows written every few minutes.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import math

from celery.beat import PersistentScheduler
from celery.schedules import maybe_schedule
from celery.signals import beat_init
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

log = logging.getLogger(__name__)


def stamp(name: str, at: dt.datetime | None = None) -> None:
    from .models import BeatRun

    # Beat is a long-lived process outside any request: a connection the server dropped
    # (a PostgreSQL restart) would otherwise fail every later stamp.
    if not connection.in_atomic_block:
        close_old_connections()
    BeatRun.objects.update_or_create(schedule=name, defaults={"last_run_at": at or timezone.now()})


class StampingScheduler(PersistentScheduler):
    """Celery's default scheduler, stamping each entry it has sent."""

    def apply_async(self, entry, producer=None, advance=True, **kwargs):
        result = super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        try:
            stamp(entry.name)
        except Exception:  # the job was sent: a failed stamp must not stop beat
            log.exception("beat: could not stamp %s", entry.name)
        return result


@beat_init.connect
def _beat_started(sender=None, **kwargs) -> None:
    from .models import BeatRun

    try:
        stamp(BeatRun.BEAT_STARTED)
    except Exception:
        log.exception("beat: could not stamp its start")


def beat_lateness(
    now: dt.datetime | None = None, stamps: dict[str, dt.datetime] | None = None
) -> dict[str, float]:
    """Seconds past its due time for each schedule entry (0 when on time; infinity when
    beat never started). An entry never sent yet is measured from beat's last start.
    ``stamps``: last_runs(), when the caller has read them already."""
    from config.celery_app import app

    from .models import BeatRun

    now = now or timezone.now()
    if stamps is None:
        stamps = last_runs()
    started = stamps.get(BeatRun.BEAT_STARTED)
    out: dict[str, float] = {}
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        reference = stamps.get(name) or started
        if reference is None:
            out[name] = math.inf
            continue
        # A copy: the entry's schedule object is the settings' own.
        schedule = copy.copy(maybe_schedule(entry["schedule"], app=app))
        schedule.nowfun = lambda: now
        due = now + schedule.remaining_estimate(reference)
        out[name] = max(0.0, (now - due).total_seconds())
    return out


def beat_late_entries(now: dt.datetime | None = None) -> list[str]:
    limit = settings.BEAT_MAX_LATE_SECONDS
    return sorted(name for name, late in beat_lateness(now).items() if late > limit)


def last_runs() -> dict[str, dt.datetime]:
    from .models import BeatRun

    return dict(BeatRun.objects.values_list("schedule", "last_run_at"))
