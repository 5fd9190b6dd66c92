"""Redis stops: public pages still serve (the cache degrades to misses), /healthz answers
503 naming the cache and the broker, and a document asked for meanwhile is not silently
lost: it shows failed with a retry button, and the retry queues it once Redis is back.

The shared Redis is never stopped: the test runs its own redis-server on a free port, points
a gunicorn and this process at it, and kills it.
"""

from __future__ import annotations

import json

import pytest
import redis as redis_client
from django.urls import reverse

from config.celery_app import app
from documents.models import GeneratedDocument
from documents.services import document_request, document_retry
from stations.documents.codes import Kind

from .servers import get, gunicorn, redis_server

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = GeneratedDocument.State


@pytest.fixture
def broker_at(settings):
    """Point this process's Celery app at another Redis, with fresh pools; afterwards put
    the configured broker back first and only then drop the pools, so that nothing made
    meanwhile keeps pointing at the Redis the test killed (later tests send to the real one).
    """
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def point(url: str) -> None:
        settings.CELERY_BROKER_URL = url
        app.conf["broker_url"] = url
        app.conf["task_always_eager"] = False
        _fresh_pools()

    yield point
    for key, value in saved.items():
        app.conf[key] = value
    _fresh_pools()


def _fresh_pools() -> None:
    import kombu.pools

    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps its own registry of connection and producer pools, keyed by connection.
    kombu.pools.reset()


def _pages(station) -> list[str]:
    return [
        "/",
        "/stations/",
        f"/stations/{station.plaque_number}/",
        "/api/v1/",
        "/api/v1/stations.geojson",  # its version lives in the cache
    ]


def test_public_pages_serve_and_healthz_is_503_while_redis_is_down(public_station, tmp_path):
    station = public_station()
    with (
        redis_server(tmp_path) as redis,
        gunicorn(tmp_path, REDIS_URL=f"redis://127.0.0.1:{redis.port}/0") as web,
    ):
        for page in _pages(station):
            assert get(web.url + page)[0] == 200, page
        assert get(web.url + "/healthz")[0] == 200

        redis.stop()

        for page in _pages(station):
            status, body = get(web.url + page)
            assert status == 200, (page, web.log.read_text()[-3000:])
        assert station.name in get(web.url + f"/stations/{station.plaque_number}/")[1].decode()
        status, body = get(web.url + "/healthz")
        assert status == 503
        checks = json.loads(body)["checks"]
        assert checks == {"database": "ok", "cache": "error", "broker": "error", "static": "ok"}


def test_a_document_asked_for_while_redis_is_down_fails_visibly_and_is_queued_on_retry(
    public_station, world, client, tmp_path, broker_at, django_capture_on_commit_callbacks
):
    station = public_station()
    with redis_server(tmp_path) as redis:
        port = redis.port
        broker_at(f"redis://127.0.0.1:{port}/0")
        redis.stop()

        with django_capture_on_commit_callbacks(execute=True):
            document = document_request(kind=Kind.PLEDGE, record=station, by=world.user_a)

        document.refresh_from_db()
        assert document.state == State.FAILED
        assert document.error  # why, shown on the page
        client.force_login(world.user_a)
        page = client.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
        assert f'data-testid="retry-{Kind.PLEDGE}"' in page

    with redis_server(tmp_path, port=port):
        with django_capture_on_commit_callbacks(execute=True):
            document_retry(document=document, by=world.user_a)

        document.refresh_from_db()
        assert document.state == State.QUEUED
        # The job is in Redis now, for the next worker to take.
        assert redis_client.Redis(port=port).llen("celery") == 1
