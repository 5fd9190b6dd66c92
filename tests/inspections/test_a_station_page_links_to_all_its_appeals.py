"""A station's staff page lists its ten latest appeals; when there are more, it links to the
appeal list narrowed to that station (?station=), through the user's scope (the card showed
ten and no way to the rest)."""

from __future__ import annotations

import pytest

from inspections.orders.models import Appeal

from .factories_orders import inspection, operating_station
from .pages import page_as

pytestmark = pytest.mark.django_db


def _appeals(at, world, n: int) -> None:
    for i in range(n):
        check = inspection(at, world.inspector, days=i + 1)
        Appeal.objects.create(
            inspection=check, union=at.union, district=at.district, reason="有误", by=world.user_a
        )


def test_more_appeals_than_shown_link_to_all_of_them(world, client):
    busy, other = operating_station(world.union_a), operating_station(world.union_a)
    _appeals(busy, world, 11)
    _appeals(other, world, 2)
    page = page_as(client, world.aid, f"/staff/stations/{busy.pk}/")
    card = page[page.index('data-testid="station-appeals"') :]
    assert card[: card.index("</ul>")].count("<li>") == 10
    link = f'href="/staff/inspections/appeals/?station={busy.pk}" data-testid="station-appeals-all"'
    assert link in page and "本站全部申诉" in page

    listed = page_as(client, world.aid, f"/staff/inspections/appeals/?station={busy.pk}")
    assert (
        listed.count('href="/staff/inspections/appeals/')
        - listed.count('href="/staff/inspections/appeals/"')
        == 11
    )  # the eleven appeals, and no other station's
    assert f"仅显示 {busy.name} 的申诉" in listed
    # The status filter keeps the station.
    assert f'<input type="hidden" name="station" value="{busy.pk}">' in listed


def test_ten_or_fewer_need_no_link(world, client):
    quiet = operating_station(world.union_a)
    _appeals(quiet, world, 10)
    page = page_as(client, world.aid, f"/staff/stations/{quiet.pk}/")
    assert 'data-testid="station-appeals"' in page
    assert 'data-testid="station-appeals-all"' not in page


def test_another_unions_station_is_neither_named_nor_listed(world, client):
    theirs = operating_station(world.union_a)
    _appeals(theirs, world, 2)
    listed = page_as(client, world.user_b, f"/staff/inspections/appeals/?station={theirs.pk}")
    assert theirs.name not in listed
    assert "仅显示一个站点的申诉" in listed and "暂无申诉" in listed
    assert not Appeal.objects.visible_to(world.user_b).filter(inspection__station=theirs).exists()


@pytest.mark.parametrize("bad", ["abc", "1e3", "-1", "9" * 30, "１２", "<b>1</b>"])
def test_a_station_that_is_not_an_id_is_no_filter(world, client, bad):
    busy = operating_station(world.union_a)
    _appeals(busy, world, 2)
    listed = page_as(client, world.aid, "/staff/inspections/appeals/?station=" + bad)
    assert 'data-testid="station-filter"' not in listed and busy.name in listed
