"""A station's staff page lists its ten latest rectification orders beside their count; when
there are more, it links to the order list narrowed to that station (?station=), through the
user's scope, and the CSV export asked for from that list carries the same filter."""

from __future__ import annotations

import datetime as dt

import pytest

from inspections.orders.forms import order_params
from inspections.orders.models import Rectification, RectificationStatus
from inspections.orders.selectors import orders_listed

from .factories_orders import operating_station
from .pages import page_as


def _orders(at, by, n: int) -> None:
    for i in range(n):
        Rectification.objects.create(
            station=at,
            union=at.union,
            district=at.district,
            opened_by=by,
            deadline=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            status=RectificationStatus.CLOSED,
        )


def test_more_orders_than_shown_link_to_all_of_them(world, client):
    busy, other = operating_station(world.union_a), operating_station(world.union_a)
    _orders(busy, world.inspector, 12)
    _orders(other, world.inspector, 2)

    page = page_as(client, world.aid, f"/staff/stations/{busy.pk}/")
    assert 'data-testid="station-orders-all"' in page
    assert "查看全部 12 份整改通知" in page

    listed = page_as(client, world.aid, f"/staff/inspections/orders/?station={busy.pk}")
    assert 'data-testid="orders-total">12<' in listed
    assert f"仅显示 {busy.name} 的整改通知" in listed
    assert listed.count('data-testid="order-row"') == 12
    # The export button and the filter form both keep the station.
    assert listed.count(f'<input type="hidden" name="station" value="{busy.pk}">') == 2


def test_ten_or_fewer_need_no_link(world, client):
    quiet = operating_station(world.union_a)
    _orders(quiet, world.inspector, 3)
    assert 'data-testid="station-orders-all"' not in page_as(
        client, world.aid, f"/staff/stations/{quiet.pk}/"
    )


def test_another_unions_station_is_neither_named_nor_listed(world, client):
    theirs = operating_station(world.union_a)
    _orders(theirs, world.inspector, 2)
    listed = page_as(client, world.user_b, f"/staff/inspections/orders/?station={theirs.pk}")
    assert 'data-testid="orders-total">0<' in listed
    assert theirs.name not in listed
    assert "仅显示一个站点的整改通知" in listed


@pytest.mark.parametrize("bad", ["abc", "1e3", "-1", "9" * 30, "１２"])
def test_a_station_that_is_not_an_id_is_no_filter(world, bad):
    assert "station" not in order_params({"station": bad})


def test_the_export_applies_the_station_as_the_list_does(world):
    busy, other = operating_station(world.union_a), operating_station(world.union_a)
    _orders(busy, world.inspector, 3)
    _orders(other, world.inspector, 2)
    params = order_params({"station": str(busy.pk), "status": "closed"})
    assert params == {"station": str(busy.pk), "status": "closed"}
    listed = orders_listed(world.aid, params, today=dt.date(2026, 12, 4))
    assert {o.station_id for o in listed} == {busy.pk}
    assert listed.count() == 3
