"""Links out and the map drawn carry the right datum (issue 24): a station page opens Amap and
Tencent Maps at its GCJ-02 position and Baidu at its BD-09 one, and the directory's markers
sit where the stations are on the configured tiles (MAP_TILE_DATUM)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape

from stations.datum import Datum, from_wgs84, parse_position, to_wgs84
from tests.stations.test_datum import metres

STATION = (Decimal("31.230400"), Decimal("121.473700"))


def _links(body: str) -> dict[str, str]:
    return {
        app: unescape(re.search(rf'href="([^"]+)"[^>]*data-testid="open-in-{app}"', body).group(1))
        for app in ("amap", "baidu", "tencent")
    }


def test_the_station_page_opens_each_app_at_the_station(client, public_station, settings):
    settings.MAP_DIRECTIONS_URL = ""
    station = public_station(latitude=STATION[0], longitude=STATION[1])
    body = client.get(f"/stations/{station.plaque_number}/").content.decode()

    links = _links(body)
    assert "在高德地图中打开" in body and "在百度地图中打开" in body and "在腾讯地图中打开" in body
    for app, datum in (("amap", Datum.GCJ02), ("tencent", Datum.GCJ02), ("baidu", Datum.BD09)):
        position = parse_position(links[app], Datum.WGS84)
        assert position.datum == datum
        assert metres((position.lat, position.lng), from_wgs84(*STATION, datum)) < 0.2
        assert metres(to_wgs84(position.lat, position.lng, datum), STATION) < 0.2
    assert 'href="geo:31.230400,121.473700?q=31.230400,121.473700(' in body
    # Without a web map configured there is no "directions in a map" button.
    assert "地图导航" not in body


def test_the_directory_draws_markers_on_wgs84_tiles_where_they_are(client, public_station):
    public_station(latitude=STATION[0], longitude=STATION[1])
    body = client.get("/stations/").content.decode()
    points = json.loads(re.search(r'id="station-points"[^>]*>(.*?)</script>', body, re.S).group(1))
    assert (points[0]["lat"], points[0]["lng"]) == (31.2304, 121.4737)


def test_on_gcj02_tiles_markers_and_the_visitor_move_with_the_tiles(
    client, public_station, settings
):
    settings.MAP_TILE_DATUM = "gcj02"
    public_station(latitude=STATION[0], longitude=STATION[1])
    body = client.get("/stations/?near=31.2304,121.4737").content.decode()
    points = json.loads(re.search(r'id="station-points"[^>]*>(.*?)</script>', body, re.S).group(1))
    on_tiles = from_wgs84(*STATION, Datum.GCJ02)
    assert metres((points[0]["lat"], points[0]["lng"]), on_tiles) < 0.01
    near = re.search(r'data-near-lat="([\d.]+)" data-near-lng="([\d.]+)"', body)
    assert metres((near.group(1), near.group(2)), on_tiles) < 0.2
