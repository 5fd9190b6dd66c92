"""The Celery queue's depth is the broker's own count (Redis: LLEN of the queue's lists);
the embedded mode has no queue and says 0."""

from __future__ import annotations

import pytest

from tests.ops.metrics_text import value

pytestmark = pytest.mark.django_db


def _depth(client) -> float:
    text = client.get("/metrics").content.decode()
    assert value(text, "relay_celery_broker_up") == 1
    return value(text, "relay_celery_queue_depth", queue="celery")


def test_the_embedded_mode_has_no_queue(client, tasks_in_process):
    from stations.tasks import registry_exports_expire_task

    registry_exports_expire_task.delay()

    assert _depth(client) == 0


@pytest.mark.services
def test_jobs_no_worker_has_taken_are_counted_waiting(client):
    from stations.tasks import registry_exports_expire_task

    _forget()
    try:
        assert _depth(client) == 0
        for _ in range(3):
            registry_exports_expire_task.delay()
        # A job sent with a priority goes to its own list of the same queue.
        registry_exports_expire_task.apply_async(priority=6)

        assert _depth(client) == 4
    finally:
        _forget()


def _forget() -> None:
    """No job of this test is left for a later test's worker, in any priority's list."""
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery", *(f"celery\x06\x16{step}" for step in range(1, 10)))
