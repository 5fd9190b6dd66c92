"""A signed-in page view writes the session only when its expiry would move by over a
minute: the idle limit holds (tests/foundation/test_session_timeouts.py) without a write
per request."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

HOME = "/staff/"


def _session_writes(client) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(HOME).status_code == 200
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_requests_within_a_minute_of_the_last_renewal_do_not_write_the_session(client, world):
    client.force_login(world.user_a)

    assert _session_writes(client) == []
    assert _session_writes(client) == []


def test_a_request_that_would_move_the_expiry_by_more_than_a_minute_renews_it(client, world):
    client.force_login(world.user_a)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=28)
    )

    assert _session_writes(client) != []
    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)
