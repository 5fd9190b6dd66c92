"""A worker opens the directory and a station's page, loses signal, and reloads both: the
service worker shows the saved copies, with a notice saying when they were saved. Staff
pages are never saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stations.models import StationStatus
from tests.factories import StationFactory

from .conftest import lose_signal, regain_signal, result_path, wait_until

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
SAVED = """async (path) => {
  const cache = await caches.open("relay-pages-v1");
  return !!(await cache.match(new URL(path, location.origin).href));
}"""


@pytest.fixture
def page(own_profile, viewport):
    """A phone with a profile of its own: its Cache Storage is what these tests read."""
    context = own_profile(viewport=viewport)
    return context.pages[0] if context.pages else context.new_page()


def _station(world):
    return StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00301",
        plaque_seq=301,
        name="断网也能看的站",
        latitude=31.2304,
        longitude=121.4737,
        open_24h=True,
    )


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_a_station_page_opens_offline(page, world):
    station = _station(world)
    station_path = f"/stations/{station.plaque_number}/"

    page.goto("/stations/")
    wait_until(page, SAVED, "/stations/")
    page.goto(station_path)
    wait_until(page, SAVED, station_path)

    lose_signal(page.context)
    try:
        page.reload()
        # The copy the worker saved, not a page from the server.
        expect(page.locator("html")).to_have_attribute("data-served", "offline")
        expect(page.get_by_test_id("plaque-state")).to_have_attribute("data-stage", "valid")
        expect(page.locator("body")).to_contain_text("断网也能看的站")
        notice = page.get_by_test_id("offline-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("保存的页面", use_inner_text=True)
        page.screenshot(path=str(result_path("station_offline_390", ".png")), full_page=True)
    finally:
        regain_signal(page.context)


# The directory, the first page the phone opened: the worker did not control it yet and
# saved it on the page's message (static/js/offline.js).
@pytest.mark.parametrize("viewport", [PHONE_390])
def test_the_directory_seen_first_opens_offline(page, world):
    _station(world)

    page.goto("/stations/")
    wait_until(page, SAVED, "/stations/")
    page.goto("/")  # another page in between, as a worker would

    lose_signal(page.context)
    try:
        page.goto("/stations/")
        expect(page.locator("html")).to_have_attribute("data-served", "offline")
        expect(page.get_by_test_id("station-entry").first).to_have_attribute(
            "data-plaque", "SH00301"
        )
        expect(page.get_by_test_id("offline-notice")).to_be_visible()
    finally:
        regain_signal(page.context)


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_staff_pages_are_never_saved(page, world, login):
    _station(world)
    page.goto("/stations/")
    wait_until(page, SAVED, "/stations/")
    login(page, world.aid)
    page.goto("/staff/review/")

    saved = page.evaluate(
        """async () => {
          const cache = await caches.open("relay-pages-v1");
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }"""
    )
    assert saved and all(not path.startswith(("/staff/", "/accounts/")) for path in saved)
