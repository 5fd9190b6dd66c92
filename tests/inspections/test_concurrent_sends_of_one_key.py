"""Twelve sends of one key at once, each on its own database connection (PostgreSQL): one
row, one 201, and every other send a 409 when its content differs or a 200 when it is the
same check (services pass: SQLite takes one writer at a time and cannot show a race)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from inspections.models import Inspection

from .factories_checks import station
from .test_a_conflicting_resend_is_said_aloud import _data

# serialized_rollback: the flush after each test would take the unions the data migration
# loaded; they are put back for the next test.
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SENDS = 12


def _send_at_once(world, bodies: list[dict]) -> list[int]:
    login = Client()
    login.force_login(world.inspector)
    cookies = login.cookies
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = [0] * len(bodies)

    def send(n: int) -> None:
        client = Client()
        client.cookies = cookies
        try:
            barrier.wait(timeout=30)
            statuses[n] = client.post(reverse("inspections:check_send"), bodies[n]).status_code
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def test_twelve_different_bodies_make_one_row_one_201_and_eleven_409s(world):
    assert connection.vendor == "postgresql"
    stations = [station(world.union_a) for _ in range(SENDS)]
    key = uuid.uuid4()
    bodies = [_data(at, key, note=f"第{n}次") for n, at in enumerate(stations)]

    statuses = _send_at_once(world, bodies)

    assert sorted(statuses) == [201] + [409] * (SENDS - 1)
    assert Inspection.objects.filter(idempotency_key=key).count() == 1


def test_twelve_identical_bodies_make_one_row_one_201_and_eleven_200s(world):
    at = station(world.union_a)
    key = uuid.uuid4()
    body = _data(at, key, note="同一份检查")

    statuses = _send_at_once(world, [dict(body) for _ in range(SENDS)])

    assert sorted(statuses) == [200] * (SENDS - 1) + [201]
    assert Inspection.objects.filter(idempotency_key=key).count() == 1
