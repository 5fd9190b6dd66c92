"""PostgreSQL drops the web process's connection between two requests (a restart, a
failover, an idle timeout): the next request still succeeds, on a new connection.

The shared cluster is not restarted (others use it): the connection's own server process is
ended with pg_terminate_backend, which is what a restart does to it. Persistent connections
(CONN_MAX_AGE) are checked before reuse (CONN_HEALTH_CHECKS in config/settings/base.py).
"""

from __future__ import annotations

import pytest
from django.db import connection

from .servers import database_url, get, gunicorn

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

APP = "relay_ops_fault_web"


def _backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APP])
        return sorted(row[0] for row in cursor.fetchall())


def _terminate(pids: list[int]) -> None:
    with connection.cursor() as cursor:
        for pid in pids:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_next_request_succeeds_after_the_connection_was_dropped(public_station, tmp_path):
    station = public_station()
    page = f"/stations/{station.plaque_number}/"

    with gunicorn(
        tmp_path,
        DATABASE_URL=database_url(application_name=APP),
        CONN_MAX_AGE="600",
        # The page must reach the database each time, not its kept copy (stations.public_cache).
        PUBLIC_PAGE_CACHE_SECONDS="0",
    ) as web:
        status, body = get(web.url + page)
        assert status == 200
        assert station.name in body.decode()
        before = _backends()
        assert len(before) == 1  # the worker kept its connection after the request

        _terminate(before)

        status, body = get(web.url + page)
        assert status == 200, web.log.read_text()[-3000:]
        assert station.name in body.decode()
        after = _backends()
        assert len(after) == 1 and after != before  # a new connection replaced the dead one
