"""Union staff post a temporary closure (dates and a reason); the service records it with a
history row, and open-now, the directory and the station page respect it."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from history.models import RecordChange
from stations.models import StationClosure, StationStatus
from stations.open_now import open_now
from stations.services.closures import closure_post

SH = ZoneInfo("Asia/Shanghai")
WEDNESDAY_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=SH)
WEDNESDAY = WEDNESDAY_NOON.date()


@pytest.fixture
def noon(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_NOON)
    return WEDNESDAY_NOON


def _close(world, station, start=WEDNESDAY, end=WEDNESDAY, reason="店面装修", by=None):
    return closure_post(
        station=station, by=by or world.user_a, starts_on=start, ends_on=end, reason=reason
    )


def test_posting_a_closure_writes_a_history_row(world, public_station, noon):
    station = public_station(open_24h=True)

    closure = _close(world, station, end=WEDNESDAY + dt.timedelta(days=2))

    assert (closure.union_id, closure.by) == (station.union_id, world.user_a)
    change = RecordChange.objects.get(station=station)
    assert change.reason == "店面装修"
    assert change.changes == {"temporary_closure": ["", "2026-11-25–2026-11-27"]}
    assert change.by == world.user_a


def test_a_closed_station_is_not_open_now_even_round_the_clock(world, public_station, noon):
    station = public_station(open_24h=True)
    _close(world, station)

    assert open_now(station) is False
    assert open_now(station, WEDNESDAY_NOON + dt.timedelta(days=1)) is True
    assert open_now(station, WEDNESDAY_NOON - dt.timedelta(days=1)) is True


def test_the_directory_and_its_open_now_filter_respect_closures(
    client, world, public_station, noon
):
    closed = public_station(name="暂停站", open_24h=True)
    public_station(name="照常站", open_24h=True)
    _close(world, closed)

    body = client.get("/stations/").content.decode()
    names = {e.station.name for e in client.get("/stations/?open_now=1").context["entries"]}

    assert names == {"照常站"}
    assert 'data-testid="closed-temporarily"' in body


def test_the_station_page_says_it_is_closed_and_why(client, world, public_station, noon):
    station = public_station(open_24h=True)
    _close(world, station, end=WEDNESDAY + dt.timedelta(days=2), reason="店面装修")

    body = client.get(f"/stations/{station.plaque_number}/").content.decode()

    assert 'data-open="no"' in body
    assert "本铭牌有效" in body  # closed for a few days, still a relay station
    notice = body[body.index('data-testid="closure"') :]
    assert "2026-11-25" in notice and "2026-11-27" in notice and "店面装修" in notice


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (WEDNESDAY, WEDNESDAY - dt.timedelta(days=1)),  # ends before it starts
        (WEDNESDAY - dt.timedelta(days=3), WEDNESDAY - dt.timedelta(days=1)),  # already over
        (WEDNESDAY, WEDNESDAY + dt.timedelta(days=90)),  # 91 days: not temporary
    ],
)
def test_it_refuses_dates_that_make_no_closure(world, public_station, noon, start, end):
    station = public_station()

    with pytest.raises(ValidationError):
        _close(world, station, start=start, end=end)
    assert not StationClosure.objects.exists()
    assert not RecordChange.objects.exists()


def test_it_needs_a_reason(world, public_station, noon):
    with pytest.raises(ValidationError):
        _close(world, public_station(), reason="  ")


@pytest.mark.parametrize("status", [StationStatus.APPROVED, StationStatus.REVOKED])
def test_only_an_operating_station_can_be_closed(world, public_station, noon, status):
    with pytest.raises(ValidationError):
        _close(world, public_station(status=status))


def test_an_inspector_may_not_post_a_closure(world, public_station, noon):
    with pytest.raises(PermissionDenied):
        _close(world, public_station(), by=world.inspector)


def test_union_staff_post_it_through_the_form(client, world, public_station, noon):
    station = public_station()
    client.force_login(world.user_a)

    response = client.post(
        f"/staff/stations/{station.pk}/closure/",
        {"starts_on": "2026-11-25", "ends_on": "2026-11-26", "reason": "停电检修"},
    )

    assert response.status_code == 302
    assert StationClosure.objects.get(station=station).reason == "停电检修"


def test_another_union_cannot_close_the_station(client, world, public_station, noon):
    station = public_station()
    client.force_login(world.user_b)

    response = client.post(
        f"/staff/stations/{station.pk}/closure/",
        {"starts_on": "2026-11-25", "ends_on": "2026-11-26", "reason": "停电检修"},
    )

    assert response.status_code == 404
    assert not StationClosure.objects.exists()
