"""At 390 px a union clerk opens 站点信息核实 from the menu, ticks every listing on the page
with one box, confirms, and the stations leave the list (issue 24, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stations.models import Station
from tests.factories import OperatingStationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


def test_a_clerk_confirms_every_listing_on_the_page(page, login, world, request):
    old = timezone.localdate() - dt.timedelta(days=400)
    stations = [
        OperatingStationFactory(
            union=world.union_a, district="黄浦区", confirmed_on=old, name=f"待核实站{i}"
        )
        for i in range(3)
    ]
    page.set_viewport_size(PHONE_390)
    login(page, world.user_a)
    page.goto("/staff/stations/confirm/")
    rows = page.get_by_test_id("due-row")
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id("due-list")).to_contain_text("公众页面显示：信息待核实")
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)

    page.get_by_test_id("check-all").click()
    expect(page.locator("input[name=station]:checked")).to_have_count(3)
    page.get_by_test_id("confirm-ticked").click()
    expect(page.locator(".alert-success")).to_contain_text("已确认 3 个站点的信息无误")
    expect(rows).to_have_count(0)
    confirmed = set(
        Station.objects.filter(pk__in=[s.pk for s in stations]).values_list(
            "confirmed_on", flat=True
        )
    )
    assert confirmed == {timezone.localdate()}
