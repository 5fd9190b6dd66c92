"""Prometheus metrics (prometheus-client, used directly): what an operator watches.

Two kinds, kept two ways:

- Per request (count and latency by view, status class, database and cache errors): kept by
  each web process in prometheus-client's metrics. Under gunicorn's several workers, set
  PROMETHEUS_MULTIPROC_DIR (deploy/systemd/relay-web.service does, on a fresh directory at
  each start): every worker then writes its numbers to files there and a scrape, served by
  whichever worker, adds them all up. Without it (runserver, tests) the one process's own.
  Each web node reports its own; Prometheus scrapes every node and sums.
- The deployment's state, read when scraped: jobs by outcome (config/jobs.py, kept in the
  shared cache by whichever process ran them), the Celery queue's depth (Redis), beat's last
  runs and lateness (config/beat.py), documents and exports waiting. These are the same
  from every node: aggregate them with max(), not sum().

The view label is the resolver's view name (``inspections:today``), never the raw path, so
the number of series stays bounded whatever URLs are tried.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import logging
import math
import os
import time

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

log = logging.getLogger(__name__)
# One sample per series: the *_created timestamps double the output and no rule reads them.
disable_created_metrics()

UNRESOLVED = "(unresolved)"  # static files, 404s, redirects made before URL resolution

REQUESTS = Counter(
    "relay_http_requests",
    "HTTP requests answered, by view, method and status class.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "relay_http_request_duration_seconds",
    "Time from the request's arrival to its answer, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DATABASE_ERRORS = Counter(
    "relay_database_errors",
    "Database errors that reached a view or the health check, by exception class.",
    ["kind"],
)
CACHE_ERRORS = Counter(
    "relay_cache_errors",
    "Cache (Redis) errors, each one a miss or a dropped write instead of a 500.",
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match and match.view_name else None) or UNRESOLVED


def status_class(status: int) -> str:
    return f"{status // 100}xx"


class RequestMetricsMiddleware:
    """First in MIDDLEWARE: sees every answer, the portal's error pages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, status_class(response.status_code)).inc()
        LATENCY.labels(view).observe(time.perf_counter() - started)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError):
            count_database_error(exception)
        return None


def count_database_error(exception: BaseException) -> None:
    DATABASE_ERRORS.labels(type(exception).__name__).inc()


class CacheErrorCounter(logging.Handler):
    """django-redis logs each error it turns into a miss (IGNORE_EXCEPTIONS with
    LOG_IGNORED_EXCEPTIONS): this handler on its logger counts them."""

    def emit(self, record: logging.LogRecord) -> None:
        CACHE_ERRORS.inc()


# --- The deployment's state, read at scrape time -------------------------------------------


def queue_depth() -> dict[str, int]:
    """Messages waiting in each Celery queue: LLEN of kombu's Redis lists (one per priority
    step). The embedded mode has no queue: tasks run as they are sent."""
    from config.celery_app import app

    queue = app.conf.task_default_queue
    url = app.conf.broker_url or ""
    if app.conf.task_always_eager or not url.startswith(("redis://", "rediss://")):
        return {queue: 0}
    # kombu's Redis transport: the queue's own list, plus one per priority step.
    keys = [queue] + [f"{queue}\x06\x16{step}" for step in (1, 2, 3, 4, 5, 6, 7, 8, 9)]
    with _broker(url).pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.llen(key)
        return {queue: sum(pipe.execute())}


@functools.lru_cache(maxsize=2)
def _broker(url: str):
    """The broker's client, kept by the process: its pool keeps a connection for the next
    scrape rather than opening and closing one every fifteen seconds."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


class StateCollector:
    """Gauges and counters computed from the database, the cache and the broker."""

    def collect(self):
        yield from self._jobs()
        yield from self._queue()
        yield from self._beat()
        yield from self._documents()

    def _jobs(self):
        from prometheus_client.core import CounterMetricFamily

        from .jobs import counts

        family = CounterMetricFamily(
            "relay_celery_jobs",
            "Background jobs finished, by job and outcome (succeeded, failed, retried).",
            labels=["task", "outcome"],
        )
        for (task, outcome), n in sorted(counts().items()):
            family.add_metric([task, outcome], n)
        yield family

    def _queue(self):
        family = GaugeMetricFamily(
            "relay_celery_queue_depth", "Jobs waiting in the Celery queue.", labels=["queue"]
        )
        up = GaugeMetricFamily("relay_celery_broker_up", "1 when the broker answered the scrape.")
        try:
            depths = queue_depth()
        except Exception as exc:
            log.warning("metrics: queue depth unavailable: %s", exc)
            up.add_metric([], 0)
        else:
            for queue, n in depths.items():
                family.add_metric([queue], n)
            up.add_metric([], 1)
        yield family
        yield up

    def _beat(self):
        from .beat import beat_lateness, last_runs

        expected = GaugeMetricFamily(
            "relay_beat_expected", "1 where a beat is meant to run (BEAT_EXPECTED)."
        )
        expected.add_metric([], 1 if settings.BEAT_EXPECTED else 0)
        yield expected
        last = GaugeMetricFamily(
            "relay_beat_last_run_timestamp_seconds",
            "When beat last sent each schedule entry (Unix time); (beat started) is its start.",
            labels=["schedule"],
        )
        stamps = last_runs()
        for name, at in sorted(stamps.items()):
            last.add_metric([name], at.timestamp())
        yield last
        late = GaugeMetricFamily(
            "relay_beat_late_seconds",
            "How far each schedule entry is past its due time (0 on time; +Inf: beat never ran).",
            labels=["schedule"],
        )
        for name, seconds in sorted(beat_lateness(stamps=stamps).items()):
            late.add_metric([name], seconds if math.isfinite(seconds) else math.inf)
        yield late
        limit = GaugeMetricFamily(
            "relay_beat_max_late_seconds", "BEAT_MAX_LATE_SECONDS: /healthz's limit."
        )
        limit.add_metric([], settings.BEAT_MAX_LATE_SECONDS)
        yield limit

    def _documents(self):
        from documents import kinds
        from documents.models import GeneratedDocument

        waiting = (GeneratedDocument.State.QUEUED, GeneratedDocument.State.RENDERING)
        found = {
            (row["kind"], row["state"]): row["n"]
            for row in GeneratedDocument.objects.filter(state__in=waiting)
            .values("kind", "state")
            .annotate(n=Count("id"))
            .order_by()
        }
        family = GaugeMetricFamily(
            "relay_documents_waiting",
            "Documents and exports asked for and not yet made, by kind and state.",
            labels=["kind", "state"],
        )
        codes = sorted({kind.code for kind in kinds.all_kinds()} | {k for k, _s in found})
        for code in codes:
            for state in waiting:
                family.add_metric([code, state.value], found.get((code, state.value), 0))
        yield family


def exposition() -> bytes:
    state = CollectorRegistry(auto_describe=False)
    state.register(StateCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
        return generate_latest(processes) + generate_latest(state)
    return generate_latest(REGISTRY) + generate_latest(state)


# --- Who may read them -----------------------------------------------------------------------


def _networks() -> list:
    return [ipaddress.ip_network(n, strict=False) for n in settings.METRICS_ALLOWED_NETWORKS]


def may_read_metrics(request: HttpRequest) -> bool:
    from .lockout import client_ip

    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    # Constant time: the comparison must not tell a prober how much of a guess was right.
    given = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    address = client_ip(request)
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks())


def metrics_response(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        # The same answer as any address that does not exist: nothing says it is here.
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
