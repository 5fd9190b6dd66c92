"""A heat alert at 390 px (issue 23, item 3): the aid center declares an orange 高温 alert on
its phone, a union clerk records the station's 清凉模式 hours, and a worker sees the home
page's banner, finds the station with the directory's alert filter, and reads its longer
hours on the station page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stations.models import Station, WeatherAlert
from tests.factories import OperatingStationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


def test_a_heat_alert_from_declaration_to_the_station_page(page, login, world, request):
    station = OperatingStationFactory(
        union=world.union_a, district="黄浦区", name="外滩爱心接力站", filing=world.filing_a
    )
    today = timezone.localdate()
    page.set_viewport_size(PHONE_390)

    login(page, world.aid)
    page.goto("/staff/alerts/")
    page.select_option("#id_kind", "heat")
    page.select_option("#id_level", "3")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", today.isoformat())
    page.fill("#id_note", "市气象台发布高温橙色预警")
    page.get_by_test_id("alert-form").get_by_role("button").click()
    expect(page.get_by_test_id("alert-today")).to_contain_text("高温橙色预警")
    assert WeatherAlert.objects.count() == 1
    page.context.clear_cookies()

    login(page, world.user_a)
    page.goto(f"/staff/stations/{station.pk}/")
    page.get_by_test_id("alert-hours-link").click()
    page.fill("#id_level_2", "看天气")
    page.get_by_test_id("alert-hours-form").get_by_role("button", name="保存").click()
    expect(page.locator("#id_level_2")).to_have_value("看天气")
    expect(page.get_by_test_id("alert-hours-form")).to_contain_text("开放时间")
    page.fill("#id_level_2", "每天 0:00-24:00")
    page.get_by_test_id("alert-hours-form").get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("staff-alert-hours")).to_contain_text("黄色预警及以上")
    assert Station.objects.get(pk=station.pk).heat_mode_from == 2
    page.context.clear_cookies()

    page.goto("/")
    banner = page.get_by_test_id("alert-banner")
    expect(banner).to_contain_text("高温橙色预警")
    expect(banner).to_contain_text("1 个站点已开启清凉模式")
    page.screenshot(path=str(result_path(request.node.name + "_home", ".png")), full_page=False)
    page.get_by_test_id("alert-banner-link").click()
    entry = page.get_by_test_id("station-entry")
    expect(entry).to_have_count(1)
    expect(entry.get_by_test_id("alert-mode")).to_contain_text("清凉模式")
    expect(entry).to_have_attribute("data-open", "yes")
    page.screenshot(path=str(result_path(request.node.name + "_directory", ".png")), full_page=True)
    entry.get_by_role("link").click()
    expect(page.get_by_test_id("alert-mode-today")).to_contain_text("清凉模式（高温橙色预警）")
    expect(page.get_by_test_id("open-now")).to_have_attribute("data-open", "yes")
    page.screenshot(path=str(result_path(request.node.name + "_station", ".png")), full_page=True)
