"""/healthz answers 200 when database, cache and broker answer, and 503 naming what failed."""

from __future__ import annotations

import pytest

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.mark.django_db
def test_healthz_is_ok_when_every_part_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "static": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_naming_the_broker_when_the_broker_is_unreachable(client, settings):
    # The Celery app reads its configuration from Django settings on each lookup
    # (config_from_object("django.conf:settings")), so overriding the setting is enough.
    settings.CELERY_BROKER_URL = DEAD_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "error", "static": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_naming_the_cache_when_the_cache_fails(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"] == "error"
    assert body["checks"]["database"] == "ok"
