"""Background jobs an operator can see: counts by outcome, and the failures with their error.

Celery's signals fire in whichever process runs the job: a worker process (services mode,
any number of them, on any node) or the web process itself (embedded mode, eager tasks).
So the counts are kept where all of those meet, the shared cache (Redis in services mode;
in embedded mode the one process's own memory), one key per job and outcome: a scrape of
any web node reads the deployment's totals. A Redis restart starts them from zero again,
which Prometheus' ``rate()`` and ``increase()`` read as a counter reset.

A job that fails for good writes a ``FailedJob`` row (listed read-only in the admin).
"""

from __future__ import annotations

import functools
import logging
import traceback as tb

from celery.signals import task_failure, task_retry, task_success
from django.core.cache import cache

log = logging.getLogger(__name__)

OUTCOMES = ("succeeded", "failed", "retried")
KEY = "metrics:celery:{outcome}:{task}"


@functools.cache
def job_names() -> tuple[str, ...]:
    """The project's registered jobs (Celery's own housekeeping left out): the label's
    whole range, so a scrape asks the cache for a fixed number of keys. Found once per
    process: the jobs are the code's, and Celery's discovery, asked again on every scrape,
    was two thirds of the scrape (issue 26)."""
    from config.celery_app import app

    # A web process has imported only the jobs its pages send; the worker's own discovery
    # (every app's tasks module) makes the list whole.
    app.loader.import_default_modules()
    return tuple(sorted(name for name in app.tasks if not name.startswith("celery.")))


def count(outcome: str, task: str) -> None:
    key = KEY.format(outcome=outcome, task=task)
    # add() then incr(): incr() of a missing key raises; add() does nothing if it exists.
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # the key was evicted between the two calls
        cache.add(key, 1, timeout=None)


def counts() -> dict[tuple[str, str], int]:
    """(task, outcome) -> how many, for every registered job and outcome."""
    names = job_names()
    keys = {KEY.format(outcome=o, task=t): (t, o) for t in names for o in OUTCOMES}
    found = cache.get_many(list(keys))
    return {pair: int(found.get(key) or 0) for key, pair in keys.items()}


def _name(sender) -> str:
    return getattr(sender, "name", None) or str(sender)


def _summary(args, kwargs) -> str:
    parts = [repr(a) for a in (args or ())]
    parts += [f"{k}={v!r}" for k, v in (kwargs or {}).items()]
    text = ", ".join(parts)
    return text if len(text) <= 500 else text[:499] + "…"


@task_success.connect
def _succeeded(sender=None, **kwargs) -> None:
    _safely(count, "succeeded", _name(sender))


@task_retry.connect
def _retried(sender=None, **kwargs) -> None:
    _safely(count, "retried", _name(sender))


@task_failure.connect
def _failed(sender=None, task_id=None, exception=None, args=None, kwargs=None,
            einfo=None, **extra) -> None:  # fmt: skip
    name = _safely(lambda: _name(sender)) or "?"
    _safely(count, "failed", name)
    _safely(_record_failure, name, task_id, exception, args, kwargs, einfo)


def _record_failure(name, task_id, exception, args, kwargs, einfo) -> None:
    from .models import FailedJob

    # A worker's connections are looked after by Celery's Django fix-up around each job.
    error = f"{type(exception).__name__}: {exception}" if exception else "?"
    trace = str(einfo) if einfo else "".join(tb.format_exception(exception))
    FailedJob.objects.create(
        task_name=name[:200],
        task_id=(task_id or "")[:64],
        arguments=_summary(args, kwargs),
        error=error[:4000],
        traceback=trace[-10000:],
    )


def _safely(function, *args):
    """Counting must never turn a job's outcome into another error."""
    try:
        return function(*args)
    except Exception:
        log.exception("could not record a job's outcome")
        return None
