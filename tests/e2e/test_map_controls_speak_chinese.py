"""Leaflet's own controls speak Chinese on both maps: the zoom buttons' titles, the credit's
prefix and the popup's close button (static/js/portal.js relayMapControls). No tiles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stations.models import StationStatus
from tests.factories import StationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e


def _controls_speak_chinese(page) -> None:
    zoom_in = page.locator(".leaflet-control-zoom-in")
    expect(zoom_in).to_have_attribute("title", "放大")
    expect(zoom_in).to_have_attribute("aria-label", "放大")
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute("title", "缩小")
    credit = page.locator(".leaflet-control-attribution")
    expect(credit).to_contain_text("地图引擎： Leaflet", use_inner_text=True)
    expect(credit.locator("a").first).to_have_attribute("title", re.compile("JavaScript 库"))
    expect(credit).not_to_contain_text("interactive maps")


def test_the_directory_maps_controls_speak_chinese(page, world, request):
    StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00201",
        plaque_seq=201,
        name="人民广场爱心接力站",
        latitude=31.2304,
        longitude=121.4737,
    )
    page.goto("/stations/")
    page.get_by_test_id("station-map").scroll_into_view_if_needed()
    _controls_speak_chinese(page)
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "关闭")
    page.screenshot(path=str(result_path(request.node.name, ".png")))


def test_the_station_forms_map_controls_speak_chinese(page, login, world):
    login(page, world.user_a)
    page.goto(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    expect(page.get_by_test_id("location-picker")).to_be_visible()
    _controls_speak_chinese(page)
