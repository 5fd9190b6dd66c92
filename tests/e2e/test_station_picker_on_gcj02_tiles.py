"""The form's map on Amap-style GCJ-02 tiles (MAP_TILE_DATUM=gcj02), at 390 px (issue 24): a
click fills the boxes in the datum chosen beside them, typed numbers in another datum put the
marker where they are on these tiles, and the station is stored in WGS-84. The browser's
library (gcoord) and the server's (prcoords) agree to within a metre."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from stations.datum import Datum, to_wgs84
from stations.models import Station
from tests.stations.test_datum import metres

from .conftest import result_path
from .test_station_location_picker import PHONE_390, _fill_the_paper_columns

pytestmark = pytest.mark.e2e


def _click(page, picker, x, y) -> None:
    """Empty the boxes and click the map (which fills them again)."""
    page.locator("#id_latitude").fill("")
    page.locator("#id_longitude").fill("")
    picker.click(position={"x": x, "y": y})


# Resolves once the marker has kept its place for a few frames (panTo animates).
SETTLED = """() => new Promise(done => {
  let last = null, same = 0;
  (function look() {
    const box = document.querySelector('.leaflet-marker-icon').getBoundingClientRect();
    const key = box.x + ',' + box.y;
    if (key === last) { if (++same > 5) { return done(true); } } else { same = 0; last = key; }
    requestAnimationFrame(look);
  })();
})"""


def _choose_quietly(page, datum: str) -> None:
    """The select changed without its change event, so the map does not pan in between."""
    page.evaluate("d => { document.getElementById('id_datum').value = d; }", datum)


def test_a_click_on_gcj02_tiles_is_read_in_the_datum_chosen(page, login, world, settings, request):
    settings.MAP_TILE_DATUM = "gcj02"
    page.set_viewport_size(PHONE_390)
    login(page, world.user_a)
    page.goto(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    picker = page.locator('[data-testid="location-picker"]')
    picker.wait_for(state="visible")
    _fill_the_paper_columns(page)
    box = picker.bounding_box()
    x, y = box["width"] / 2 + 30, box["height"] / 2 - 20

    # The same spot read as GCJ-02 (the tiles' own numbers) and as BD-09.
    latitude_box, longitude_box = page.locator("#id_latitude"), page.locator("#id_longitude")
    _choose_quietly(page, "gcj02")
    _click(page, picker, x, y)
    expect(latitude_box).not_to_have_value("")
    expect(longitude_box).not_to_have_value("")
    on_tiles = (float(latitude_box.input_value()), float(longitude_box.input_value()))
    _choose_quietly(page, "bd09")
    _click(page, picker, x, y)
    expect(latitude_box).not_to_have_value("")
    expect(longitude_box).not_to_have_value("")
    as_baidu = (float(latitude_box.input_value()), float(longitude_box.input_value()))
    assert metres(on_tiles, as_baidu) > 300  # really converted, not copied
    # Both name one place on the ground, by the server's own conversion.
    assert metres(to_wgs84(*on_tiles, Datum.GCJ02), to_wgs84(*as_baidu, Datum.BD09)) < 1.0

    # Typed numbers in either datum put the marker on the same spot of these tiles.
    page.locator("#id_latitude").dispatch_event("input")
    marker = page.locator(".leaflet-marker-icon")
    page.evaluate(SETTLED)
    at_baidu = marker.bounding_box()
    _choose_quietly(page, "gcj02")
    page.fill("#id_latitude", f"{on_tiles[0]:.6f}")
    page.fill("#id_longitude", f"{on_tiles[1]:.6f}")
    page.evaluate(SETTLED)
    at_tiles = marker.bounding_box()
    assert abs(at_baidu["x"] - at_tiles["x"]) <= 1 and abs(at_baidu["y"] - at_tiles["y"]) <= 1

    # Saved as BD-09 numbers, stored in WGS-84.
    page.select_option("#id_datum", "bd09")
    page.fill("#id_latitude", f"{as_baidu[0]:.6f}")
    page.fill("#id_longitude", f"{as_baidu[1]:.6f}")
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)
    page.click("button[name=save]")
    page.wait_for_url("**" + reverse("stations:filing_detail", args=[world.filing_a.pk]))
    station = Station.objects.get(name="工行汉口路支行爱心接力站")
    assert metres((station.latitude, station.longitude), to_wgs84(*on_tiles, Datum.GCJ02)) < 1.0


def test_a_rider_opens_the_station_in_a_map_app_with_one_thumb(page, world, request):
    """At 390 px the station page's four map buttons are all on screen, big enough to tap,
    and each points at its app with the station in that app's datum."""
    from decimal import Decimal

    from stations.models import StationStatus
    from tests.factories import StationFactory

    StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00777",
        plaque_seq=777,
        name="人民广场爱心接力站",
        latitude=Decimal("31.230400"),
        longitude=Decimal("121.473700"),
        open_24h=True,
    )
    page.set_viewport_size(PHONE_390)
    page.goto("/stations/SH00777/")
    links = page.get_by_test_id("directions").locator("a")
    expect(links).to_have_count(4)
    for app, host in (
        ("amap", "uri.amap.com"),
        ("baidu", "api.map.baidu.com"),
        ("tencent", "apis.map.qq.com"),
    ):
        button = page.get_by_test_id(f"open-in-{app}")
        expect(button).to_be_visible()
        expect(button).to_have_attribute("href", re.compile(rf"^https://{re.escape(host)}/"))
        box = button.bounding_box()
        assert box["height"] >= 38 and box["x"] + box["width"] <= 390
    expect(page.get_by_test_id("open-in-baidu")).to_have_attribute(
        "href", re.compile("coord_type=bd09ll")
    )
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)
