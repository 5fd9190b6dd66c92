from __future__ import annotations

import itertools

import pytest

from tests.factories import OperatingStationFactory

_seq = itertools.count(500)

# Near People's Square (人民广场), at growing distances.
PEOPLES_SQUARE = (31.2304, 121.4737)


@pytest.fixture(autouse=True)
def _open_data_built_in_process(monkeypatch):
    """The open-data build a request queues runs in the test's process in both CI passes,
    as in the embedded mode (with REDIS_URL set it would wait in Redis for a worker)."""
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def public_station(world):
    """``public_station(**fields)``: an active, numbered station of union A."""

    def make(**fields):
        n = next(_seq)
        fields.setdefault("latitude", PEOPLES_SQUARE[0])
        fields.setdefault("longitude", PEOPLES_SQUARE[1])
        return OperatingStationFactory(
            filing=world.filing_a, host_unit=world.host_a, plaque_seq=n, **fields
        )

    return make
