"""A station's staff page lists its ten newest checks beside their count; when there are more,
it links to the check list narrowed to that station (?station=), which shows them all, each
page through the user's own scope: another union's station is never named, nor its checks
listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection

from .factories_checks import record_kwargs, station
from .pages import page_as


def _checks(at, by, n: int) -> None:
    now = timezone.now()
    for i in range(n):
        inspection_record(**record_kwargs(at, by, visited_at=now - dt.timedelta(days=i, hours=1)))


def test_more_checks_than_shown_link_to_all_of_them(world, client):
    busy, other = station(world.union_a), station(world.union_a)
    _checks(busy, world.inspector, 12)
    _checks(other, world.inspector, 2)

    page = page_as(client, world.aid, f"/staff/stations/{busy.pk}/")
    assert 'data-testid="station-checks-all"' in page
    assert f"?station={busy.pk}" in page
    assert "查看全部 12 次检查" in page

    listed = page_as(client, world.aid, f"/staff/inspections/checks/?station={busy.pk}")
    assert 'data-testid="check-total">12<' in listed
    assert f"仅显示 {busy.name} 的检查" in listed
    assert other.name not in listed.split('data-testid="station-filter"')[1]
    # The filter form keeps the station when another filter is added.
    assert f'<input type="hidden" name="station" value="{busy.pk}">' in listed


def test_ten_or_fewer_need_no_link(world, client):
    quiet = station(world.union_a)
    _checks(quiet, world.inspector, 3)
    page = page_as(client, world.aid, f"/staff/stations/{quiet.pk}/")
    assert 'data-testid="station-checks-all"' not in page


def test_another_unions_station_is_neither_named_nor_listed(world, client):
    theirs = station(world.union_a)
    _checks(theirs, world.inspector, 2)
    listed = page_as(client, world.user_b, f"/staff/inspections/checks/?station={theirs.pk}")
    assert 'data-testid="check-total">0<' in listed
    assert theirs.name not in listed
    assert "仅显示一个站点的检查" in listed


@pytest.mark.parametrize("bad", ["abc", "1e3", "-1", "9" * 30, "１２"])
def test_a_station_that_is_not_an_id_is_no_filter(world, client, bad):
    _checks(station(world.union_a), world.inspector, 2)
    listed = page_as(client, world.aid, "/staff/inspections/checks/?" + f"station={bad}")
    assert f'data-testid="check-total">{Inspection.objects.count()}<' in listed
    assert 'data-testid="station-filter"' not in listed
