"""A clerk picks a station's place on the form's map: a click fills 经度 and 纬度, typing moves
the marker, and the station saves with what the map gave. No tiles in tests: blank ground."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stations.models import Station
from tests.factories import PASSWORD

from .conftest import DESKTOP, result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


def _fill_the_paper_columns(page) -> None:
    page.fill("#id_name", "工行汉口路支行爱心接力站")
    page.fill("#id_address", "汉口路300号")
    page.select_option("#id_district", "黄浦区")
    page.fill("#id_head_name", "陈晓")
    page.fill("#id_head_mobile", "13812345678")
    page.fill("#id_opening_hours_text", "9:00-17:00")
    page.fill("#id_area_m2", "3")
    page.check("input[name=services][value=water]")
    page.fill("#id_planned_completion", "2018-10-31")
    page.fill("#id_new_host_unit", "中国工商银行上海汉口路支行")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_a_click_on_the_map_fills_the_coordinates_and_they_are_saved(
    page, login, world, viewport, request
):
    login(page, world.user_a)
    page.goto(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    picker = page.locator('[data-testid="location-picker"]')
    picker.wait_for(state="visible")

    # 其他服务项目 is one control: its box opens when the box is ticked.
    other_text = page.locator("#id_services_other")
    expect(other_text).to_be_disabled()
    page.check("input[name=services][value=other]")
    expect(other_text).to_be_enabled()
    other_text.fill("免费雨具")

    _fill_the_paper_columns(page)
    box = picker.bounding_box()
    longitude_box = page.locator("#id_longitude")
    latitude_box = page.locator("#id_latitude")
    picker.click(position={"x": box["width"] / 2 + 40, "y": box["height"] / 2 - 30})
    # The click fills both boxes at once: wait for them, then keep what the map gave.
    expect(longitude_box).not_to_have_value("")
    expect(latitude_box).not_to_have_value("")
    longitude = longitude_box.input_value()
    latitude = latitude_box.input_value()
    assert 120.8 < float(longitude) < 122.2 and 30.6 < float(latitude) < 31.9
    assert float(longitude) > 121.4737 and float(latitude) > 31.2304  # right of and above centre
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)

    # Typing still works, and the marker follows what is typed.
    before = page.locator(".leaflet-marker-icon").bounding_box()
    typed_longitude = f"{float(longitude) - 0.05:.6f}"
    longitude_box.fill(typed_longitude)
    page.wait_for_function(
        "x => document.querySelector('.leaflet-marker-icon').getBoundingClientRect().x !== x",
        arg=before["x"],
    )
    expect(longitude_box).to_have_value(typed_longitude)

    page.click("button[name=save]")
    page.wait_for_url("**" + reverse("stations:filing_detail", args=[world.filing_a.pk]))
    station = Station.objects.get(name="工行汉口路支行爱心接力站")
    assert station.longitude == Decimal(typed_longitude)
    assert station.latitude == Decimal(latitude)
    assert station.services_other == "免费雨具"
    assert "other" in station.services


def test_without_javascript_the_coordinates_are_plain_inputs(
    browser, live_server, django_db_serialized_rollback, world
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("#id_username", world.user_a.username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/staff/")
        page.goto(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
        expect(page.get_by_test_id("location-picker")).to_be_hidden()
        expect(page.locator("#id_longitude")).to_be_editable()
        expect(page.locator("#id_latitude")).to_be_editable()
        expect(page.locator("#id_services_other")).to_be_editable()
    finally:
        context.close()
