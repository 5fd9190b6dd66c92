"""Leaflet's own controls speak Chinese on both maps: the zoom buttons' titles, the credit's
prefix and the popup's close button (static/js/portal.js relayMapControls). No tiles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import StationStatus
from tests.factories import StationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e


def _controls_speak_chinese(page) -> None:
    zoom_in = page.locator(".leaflet-control-zoom-in")
    zoom_in.wait_for(state="visible")
    assert zoom_in.get_attribute("title") == "放大"
    assert zoom_in.get_attribute("aria-label") == "放大"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "缩小"
    credit = page.locator(".leaflet-control-attribution")
    assert credit.inner_text().startswith("地图引擎： Leaflet")
    assert "JavaScript 库" in credit.locator("a").first.get_attribute("title")
    assert "interactive maps" not in credit.inner_html()


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
    close = page.locator(".leaflet-popup-close-button")
    close.wait_for(state="visible")
    assert close.get_attribute("aria-label") == "关闭"
    page.screenshot(path=str(result_path(request.node.name, ".png")))


def test_the_station_forms_map_controls_speak_chinese(page, login, world):
    login(page, world.user_a)
    page.goto(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    page.locator('[data-testid="location-picker"]').wait_for(state="visible")
    _controls_speak_chinese(page)
