"""A station's staff page lists its checks, orders and appeals, each through its own scope;
each role's home page lists its pending inspection work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspections.models import Appeal, Rectification, RectificationStatus
from inspections.orders.services.rectification import rectification_open

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(world):
    station = operating_station(world.union_a, district=world.union_a.district)
    check = inspection(station, world.inspector, score="62.50")
    order = rectification_open(station=station, by=world.inspector, items=["补挂铭牌"])
    appeal = Appeal.objects.create(
        inspection=check,
        union=world.union_a,
        district=station.district,
        reason="检查当日站点正常开放",
        by=world.user_a,
    )
    return station, check, order, appeal


def _page(client, user, station) -> str:
    client.force_login(user)
    response = client.get(reverse("stations:staff_detail", args=[station.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_union_sees_its_stations_checks_orders_and_appeals(world, client, checked):
    station, check, order, appeal = checked
    page = _page(client, world.user_a, station)
    assert reverse("inspections:check_detail", args=[check.pk]) in page
    assert reverse("inspections:order_detail", args=[order.pk]) in page
    assert reverse("inspections:appeal_detail", args=[appeal.pk]) in page
    assert "62.50" in page


def test_an_inspector_of_the_district_sees_the_checks_and_may_open_an_order(world, client, checked):
    station, check, order, _appeal = checked
    page = _page(client, world.inspector_own, station)
    assert reverse("inspections:check_detail", args=[check.pk]) in page
    assert f"{reverse('inspections:order_open')}?station={station.pk}" in page
    assert f"{reverse('inspections:check_new')}?station={station.pk}" in page


def test_home_pages_list_the_pending_inspection_work_of_each_role(world, client, checked):
    station, _check, order, appeal = checked
    client.force_login(world.user_a)
    assert station.name in client.get(reverse("home")).content.decode()
    client.force_login(world.user_b)
    assert (
        reverse("inspections:order_detail", args=[order.pk])
        not in client.get(reverse("home")).content.decode()
    )
    client.force_login(world.aid)
    home = client.get(reverse("home")).content.decode()
    assert reverse("inspections:appeal_detail", args=[appeal.pk]) in home
    Rectification.objects.filter(pk=order.pk).update(status=RectificationStatus.ANSWERED)
    client.force_login(world.inspector_own)
    assert (
        reverse("inspections:order_detail", args=[order.pk])
        in client.get(reverse("home")).content.decode()
    )
