"""A worker on a phone (390 px) taps "near me", keeps the stations open now, and opens the
nearest one. The browser's location is Playwright's; no map tile is ever fetched."""

from __future__ import annotations

import pytest

from stations.models import StationStatus
from tests.factories import StationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
HERE = {"latitude": 31.2304, "longitude": 121.4737}  # People's Square
NEVER_OPEN = [{"days": [], "start": "09:00", "end": "17:00"}]


def _station(world, n: int, name: str, dlat: float, **fields):
    return StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number=f"SH{n:05d}",
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
    assert entries.first.get_attribute("data-plaque") == "SH00101"
    assert entries.first.get_by_test_id("distance").inner_text().strip() == "220 米"
    page.screenshot(path=str(result_path("directory_near_390", ".png")), full_page=True)

    page.get_by_label("现在开放").check()
    page.get_by_role("button", name="查找").click()
    page.wait_for_url("**open_now=1**")
    assert "near=" in page.url  # the location is kept with the other filters
    nearest_open = page.get_by_test_id("station-entry").first
    assert nearest_open.get_attribute("data-plaque") == "SH00102"
    assert nearest_open.get_attribute("data-open") == "yes"

    nearest_open.get_by_role("link").click()
    page.wait_for_url("**/stations/SH00102/")
    assert page.get_by_test_id("plaque-state").get_attribute("data-stage") == "valid"
    assert page.get_by_test_id("open-now").get_attribute("data-open") == "yes"
    assert page.get_by_test_id("hotline").get_attribute("href") == "tel:12351"
    page.screenshot(path=str(result_path("station_page_390", ".png")), full_page=True)
    assert tiles == []


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_a_refused_location_says_so_and_the_list_still_works(page, world):
    _station(world, 104, "照常列出的站", 0.01, open_24h=True)

    page.goto("/stations/")
    page.get_by_test_id("near-me").click()

    status = page.locator("[data-near-status]")
    status.wait_for(state="visible")
    assert "无法获取您的位置" in status.inner_text()
    assert page.get_by_test_id("station-entry").count() == 1
