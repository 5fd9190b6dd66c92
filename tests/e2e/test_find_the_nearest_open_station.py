"""A worker on a phone (390 px) taps "near me", keeps the stations open now, and opens the
nearest one. The browser's location is Playwright's; no map tile is ever fetched."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from stations.models import StationStatus
from tests.factories import OperatingStationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
HERE = {"latitude": 31.2304, "longitude": 121.4737}  # People's Square
NEVER_OPEN = [{"days": [], "start": "09:00", "end": "17:00"}]


def _station(world, n: int, name: str, dlat: float, **fields):
    return OperatingStationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_seq=n,
        name=name,
        latitude=HERE["latitude"] + dlat,
        longitude=HERE["longitude"],
        **fields,
    )


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_a_worker_finds_and_opens_the_nearest_open_station(page, world):
    _station(world, 101, "最近但休息的站", 0.002, opening_hours=NEVER_OPEN)
    _station(world, 102, "最近开放的站", 0.010, open_24h=True)
    _station(world, 103, "较远开放的站", 0.050, open_24h=True)
    tiles = []
    page.on("request", lambda r: tiles.append(r.url) if "tile" in r.url else None)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation(HERE)

    page.goto("/stations/")
    page.get_by_test_id("near-me").click()
    page.wait_for_url("**near=**")

    entries = page.get_by_test_id("station-entry")
    expect(entries.first).to_have_attribute("data-plaque", "SH00101")
    expect(entries.first.get_by_test_id("distance")).to_have_text("220 米", use_inner_text=True)
    page.screenshot(path=str(result_path("directory_near_390", ".png")), full_page=True)

    page.get_by_label("现在开放").check()
    page.get_by_role("button", name="查找").click()
    page.wait_for_url("**open_now=1**")
    expect(page).to_have_url(re.compile("near="))  # the location is kept with the other filters
    nearest_open = page.get_by_test_id("station-entry").first
    expect(nearest_open).to_have_attribute("data-plaque", "SH00102")
    expect(nearest_open).to_have_attribute("data-open", "yes")

    nearest_open.get_by_role("link").click()
    page.wait_for_url("**/stations/SH00102/")
    expect(page.get_by_test_id("plaque-state")).to_have_attribute("data-stage", "valid")
    expect(page.get_by_test_id("open-now")).to_have_attribute("data-open", "yes")
    expect(page.get_by_test_id("hotline")).to_have_attribute("href", "tel:12351")
    page.screenshot(path=str(result_path("station_page_390", ".png")), full_page=True)
    assert tiles == []


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_a_refused_location_says_so_and_the_list_still_works(page, world):
    _station(world, 104, "照常列出的站", 0.01, open_24h=True)

    page.goto("/stations/")
    page.get_by_test_id("near-me").click()

    # The status line says 正在获取您的位置… first; the refusal replaces it when the browser
    # answers, which on a loaded machine can take a while: wait for it, do not read once.
    status = page.locator("[data-near-status]")
    expect(status).to_be_visible()
    expect(status).to_contain_text("无法获取您的位置", use_inner_text=True)
    expect(page.get_by_test_id("station-entry")).to_have_count(1)
