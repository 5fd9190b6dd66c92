"""?open_now=1 reads the directory in its order only until the page is full: many closed
stations ahead of the open ones still leave a full page, and the next page carries on."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from stations.services.closures import closure_post

SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=SH)
NEVER_OPEN = [{"days": [], "start": "09:00", "end": "17:00"}]


@pytest.fixture(autouse=True)
def _noon(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)


def _plaques(client, query: str) -> list[str]:
    response = client.get(f"/stations/?open_now=1&{query}")
    assert response.status_code == 200
    return [e.station.plaque_number for e in response.context["entries"]]


def test_many_closed_stations_first_still_leave_a_full_page(client, world, public_station):
    for _ in range(70):  # first in the directory's order (lower plaque numbers)
        public_station(opening_hours=NEVER_OPEN)
    temporarily_closed = public_station(open_24h=True)
    closure_post(
        station=temporarily_closed,
        by=world.user_a,
        starts_on=WEDNESDAY_NOON.date(),
        ends_on=WEDNESDAY_NOON.date() + dt.timedelta(days=1),
        reason="停电检修",
    )
    open_ones = [public_station(open_24h=True).plaque_number for _ in range(25)]

    first, second = _plaques(client, ""), _plaques(client, "page=2")

    assert first == open_ones[:20]
    assert second == open_ones[20:]


def test_the_page_does_not_claim_a_total_it_has_not_counted(client, public_station):
    for _ in range(25):
        public_station(open_24h=True)

    first = client.get("/stations/?open_now=1")
    second = client.get("/stations/?open_now=1&page=2")

    assert first.context["total"] is None
    assert first.context["page"].has_next()
    assert "下一页还有更多" in first.content.decode()
    # The second page read to the end: it knows there were 25.
    assert second.context["total"] == 25
    assert not second.context["page"].has_next()
