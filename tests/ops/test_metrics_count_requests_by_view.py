"""Requests are counted and timed by the view that answered, never by the raw path, with
their status class; database and cache errors are counted."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from tests.ops.metrics_text import value

pytestmark = pytest.mark.django_db


def _scrape(client) -> str:
    return client.get("/metrics").content.decode()


def _requests(text, view, status, method="GET") -> float:
    return value(text, "relay_http_requests_total", view=view, method=method, status=status) or 0


def test_two_station_pages_are_one_series_named_by_the_view(client, public_station):
    first, second = public_station(), public_station()
    before = _scrape(client)

    client.get(f"/stations/{first.plaque_number}/")
    client.get(f"/stations/{second.plaque_number}/")
    after = _scrape(client)

    assert (
        _requests(after, "stations:public_detail", "2xx")
        - _requests(before, "stations:public_detail", "2xx")
        == 2
    )
    assert first.plaque_number not in after and second.plaque_number not in after
    count = value(after, "relay_http_request_duration_seconds_count", view="stations:public_detail")
    assert count and count >= 2


def test_made_up_paths_add_no_series(client):
    before = _scrape(client)

    for n in range(5):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    after = _scrape(client)

    assert _requests(after, "(unresolved)", "4xx") - _requests(before, "(unresolved)", "4xx") == 5
    assert "no-such-page" not in after


def test_a_refused_staff_page_counts_as_4xx_of_its_view(client, world):
    inspector = Client()
    inspector.force_login(world.inspector)
    before = _scrape(client)

    assert inspector.get("/staff/inspections/checklist/").status_code == 403
    after = _scrape(client)

    assert (
        _requests(after, "inspections:checklist", "4xx")
        - _requests(before, "inspections:checklist", "4xx")
        == 1
    )


def test_a_database_error_in_a_view_is_a_5xx_and_a_database_error(client, monkeypatch):
    from public.views import directory

    def broken(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(directory, "directory_page", broken)
    before = _scrape(client)
    failing = Client(raise_request_exception=False)

    assert failing.get("/stations/").status_code == 500
    after = _scrape(client)

    assert (
        _requests(after, "stations:directory", "5xx")
        - _requests(before, "stations:directory", "5xx")
        == 1
    )
    errors = "relay_database_errors_total"
    assert (value(after, errors, kind="OperationalError") or 0) - (
        value(before, errors, kind="OperationalError") or 0
    ) == 1


def test_a_cache_error_django_redis_swallows_is_counted(client, settings):
    before = value(_scrape(client), "relay_cache_errors_total") or 0
    # The production cache's own options, pointed at a Redis that does not answer.
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        },
    }
    from django.core.cache import caches

    assert caches["dead"].get("anything") is None  # a miss, not an error

    assert (value(_scrape(client), "relay_cache_errors_total") or 0) - before == 1
