"""Datums (issue 24): GCJ-02 and BD-09 to WGS-84 and back within a metre of reference pairs,
and every way a clerk pastes a position read with the datum of where it came from."""

from __future__ import annotations

import itertools

import prcoords
import pytest
from django.utils import translation

from stations.datum import (
    CELL_TEXT,
    Datum,
    datum_from_text,
    from_wgs84,
    map_app_links,
    parse_position,
    to_wgs84,
)
from stations.parsing import ParseError

# The reference pairs the prcoords-typed package (a maintained fork of prcoords) tests its
# conversions with: one place read off GPS (WGS-84, degrees and minutes), Amap or Tencent
# (GCJ-02) and Baidu (BD-09). Beijing Capital airport, Daxing, and Ejin Horo in Ordos.
REFERENCE = {
    "首都机场": {
        Datum.WGS84: (40 + 4.4 / 60, 116 + 35.9 / 60),
        Datum.GCJ02: (40.074380, 116.604140),
        Datum.BD09: (40.080272, 116.610670),
    },
    "大兴": {
        Datum.WGS84: (39.5, 116.4),
        Datum.GCJ02: (39.501340, 116.406192),
        Datum.BD09: (39.507676, 116.412597),
    },
    "伊金霍洛": {
        Datum.WGS84: (39 + 29.4 / 60, 109 + 51.9 / 60),
        Datum.GCJ02: (39.490848, 109.870522),
        Datum.BD09: (39.496571, 109.877133),
    },
}


def metres(a, b) -> float:
    return prcoords.Coords(*map(float, a)).distance(prcoords.Coords(*map(float, b)))


@pytest.mark.parametrize("place", REFERENCE)
@pytest.mark.parametrize("datum", [Datum.GCJ02, Datum.BD09])
def test_a_reference_position_comes_in_within_a_metre(place, datum):
    pair = REFERENCE[place]
    assert metres(to_wgs84(*pair[datum], datum), pair[Datum.WGS84]) < 1.0


@pytest.mark.parametrize("place", REFERENCE)
@pytest.mark.parametrize("datum", [Datum.GCJ02, Datum.BD09])
def test_a_reference_position_goes_out_within_a_metre(place, datum):
    pair = REFERENCE[place]
    assert metres(from_wgs84(*pair[Datum.WGS84], datum), pair[datum]) < 1.0


def test_the_datums_really_differ_in_shanghai():
    """A few hundred metres: what a station copied from Baidu would be off by."""
    bund = (31.2400, 121.4900)
    assert 300 < metres(from_wgs84(*bund, Datum.GCJ02), bund) < 800
    assert 600 < metres(from_wgs84(*bund, Datum.BD09), bund) < 1500


@pytest.mark.parametrize("datum", [Datum.GCJ02, Datum.BD09])
def test_out_and_back_across_the_city_stays_within_a_decimetre(datum):
    for lat, lng in itertools.product(
        (30.7, 31.0, 31.23, 31.5, 31.85), (120.9, 121.2, 121.47, 121.8, 122.1)
    ):
        back = to_wgs84(*from_wgs84(lat, lng, datum), datum)
        assert metres(back, (lat, lng)) < 0.1


def test_wgs84_is_kept_as_typed_at_six_decimals():
    assert tuple(map(str, to_wgs84("31.2304", "121.4737", Datum.WGS84))) == (
        "31.230400",
        "121.473700",
    )


def test_outside_china_nothing_is_shifted():
    assert from_wgs84(48.8584, 2.2945, Datum.GCJ02) == (48.8584, 2.2945)
    assert tuple(map(float, to_wgs84(48.8584, 2.2945, Datum.BD09))) == (48.8584, 2.2945)


@pytest.mark.parametrize(
    ("typed", "datum"),
    [
        ("WGS-84", Datum.WGS84),
        ("wgs84", Datum.WGS84),
        ("GPS", Datum.WGS84),
        ("天地图", Datum.WGS84),
        ("GCJ-02", Datum.GCJ02),
        ("高德", Datum.GCJ02),
        ("腾讯地图", Datum.GCJ02),
        ("BD-09", Datum.BD09),
        (" 百度地图 ", Datum.BD09),
        ("bd09ll", Datum.BD09),
    ],
)
def test_the_datum_cell_is_read_as_clerks_write_it(typed, datum):
    assert datum_from_text(typed) == datum


def test_an_empty_datum_cell_is_none_and_an_unknown_one_is_refused_in_chinese():
    assert datum_from_text(None) is None
    assert datum_from_text("  ") is None
    with translation.override("zh-hans"), pytest.raises(ParseError) as caught:
        datum_from_text("火星")
    assert "不是可识别的坐标系" in str(caught.value)


def test_every_datum_written_to_a_cell_reads_back():
    for datum, text in CELL_TEXT.items():
        assert datum_from_text(text) == datum


@pytest.mark.parametrize(
    ("pasted", "lat", "lng", "datum"),
    [
        # Amap: uri API (lng,lat), its web page's p= (POI, lat, lng), q=, regeo.
        (
            "https://uri.amap.com/marker?position=121.478223,31.228458&name=站",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        ("uri.amap.com/marker?position=121.478223,31.228458", 31.228458, 121.478223, Datum.GCJ02),
        (
            "https://uri.amap.com/marker?position=121.4737,31.2304&coordinate=wgs84",
            31.2304,
            121.4737,
            Datum.WGS84,
        ),
        (
            "https://www.amap.com/?p=B00155L3FF,31.228458,121.478223,人民广场,黄浦区",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        (
            "https://www.amap.com/?q=31.228458,121.478223,人民广场",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        (
            "https://ditu.amap.com/regeo?lng=121.478223&lat=31.228458&name=x",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        # Baidu: the marker API (lat,lng) in bd09ll unless coord_type says otherwise.
        (
            "https://api.map.baidu.com/marker?location=31.234311,121.484781&title=站&output=html",
            31.234311,
            121.484781,
            Datum.BD09,
        ),
        (
            "https://api.map.baidu.com/marker?location=31.228458,121.478223&coord_type=gcj02",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        (
            "https://map.baidu.com/?latlng=31.234311,121.484781&title=站",
            31.234311,
            121.484781,
            Datum.BD09,
        ),
        # Tencent: the marker URI (coord:lat,lng) and its web map (pointx=lng, pointy=lat).
        (
            "https://apis.map.qq.com/uri/v1/marker?marker=coord:31.228458,121.478223;title:站;addr:路&referer=x",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        (
            "https://map.qq.com/?type=marker&pointx=121.478223&pointy=31.228458&name=站",
            31.228458,
            121.478223,
            Datum.GCJ02,
        ),
        (
            "https://apis.map.qq.com/uri/v1/marker?marker=coord:31.2304,121.4737&coord_type=1",
            31.2304,
            121.4737,
            Datum.WGS84,
        ),
        # geo: (RFC 5870) is WGS-84.
        ("geo:31.2304,121.4737?q=31.2304,121.4737(站)", 31.2304, 121.4737, Datum.WGS84),
        ("GEO:31.2304,121.4737;crs=wgs84", 31.2304, 121.4737, Datum.WGS84),
    ],
)
def test_a_pasted_link_is_read_in_its_apps_datum(pasted, lat, lng, datum):
    position = parse_position(pasted, Datum.WGS84)
    assert (position.lat, position.lng, position.datum) == (lat, lng, datum)


@pytest.mark.parametrize(
    "pasted",
    [
        "121.478223,31.228458",
        "31.228458,121.478223",
        "121.478223 31.228458",
        "31.228458，121.478223",
    ],
)
def test_two_numbers_are_read_in_either_order_in_the_datum_chosen(pasted):
    position = parse_position(pasted, Datum.GCJ02)
    assert (position.lat, position.lng, position.datum) == (31.228458, 121.478223, Datum.GCJ02)


@pytest.mark.parametrize(
    ("pasted", "says"),
    [
        ("https://surl.amap.com/abc123", "短链接"),
        ("https://j.map.baidu.com/xy/Z12", "短链接"),
        ("https://map.baidu.com/poi/人民广场/@13524000.5,3641000.2,19z", "墨卡托"),
        ("https://api.map.baidu.com/marker?location=3641000,13524000&coord_type=bd09mc", "墨卡托"),
        ("https://maps.example.org/?ll=31.2,121.4", "只能识别"),
        ("就在人民广场旁边", "没有从粘贴的内容中认出位置"),
        ("31.2,45.1", "没有从粘贴的内容中认出位置"),
        ("https://uri.amap.com/marker?name=站", "没有从粘贴的内容中认出位置"),
        ("geo:31.2,121.4;crs=epsg3857", "不是 WGS-84"),
        ("<script>alert(1)</script>\x00", "没有从粘贴的内容中认出位置"),
    ],
)
def test_what_cannot_be_read_is_said_in_chinese(pasted, says):
    with translation.override("zh-hans"), pytest.raises(ParseError) as caught:
        parse_position(pasted, Datum.WGS84)
    assert says in str(caught.value)


def test_two_numbers_without_a_datum_are_refused():
    with translation.override("zh-hans"), pytest.raises(ParseError) as caught:
        parse_position("31.2304,121.4737", None)
    assert "坐标系" in str(caught.value)


def test_each_map_app_gets_the_station_in_its_own_datum():
    lat, lng = 31.2304, 121.4737
    links = map_app_links(lat, lng, "人民广场站", "黄浦区人民大道1号")
    g_lat, g_lng = from_wgs84(lat, lng, Datum.GCJ02)
    b_lat, b_lng = from_wgs84(lat, lng, Datum.BD09)
    assert (
        f"position={g_lng:.6f},{g_lat:.6f}" in links["amap"] and "coordinate=gaode" in links["amap"]
    )
    assert (
        f"location={b_lat:.6f},{b_lng:.6f}" in links["baidu"]
        and "coord_type=bd09ll" in links["baidu"]
    )
    assert f"coord:{g_lat:.6f},{g_lng:.6f};" in links["tencent"]
    assert links["geo"].startswith("geo:31.230400,121.473700?q=")
    # Each link read back by the paste parser lands on the station again.
    for app in ("amap", "baidu", "tencent", "geo"):
        position = parse_position(links[app], Datum.WGS84)
        assert metres(to_wgs84(position.lat, position.lng, position.datum), (lat, lng)) < 0.2


def test_a_name_with_markup_is_escaped_in_every_link():
    links = map_app_links(31.2304, 121.4737, '<b>"站"&x=1;title:y', "a&b")
    for link in links.values():
        assert "<" not in link and '"' not in link and "&x=1" not in link


@pytest.mark.parametrize(
    "pasted",
    ["https://[x/marker", "https://uri.amap.com/marker?position=1214.7,31.2", "geo:95.1,121.4"],
)
def test_a_broken_or_impossible_link_is_unreadable_not_a_crash(pasted):
    with pytest.raises(ParseError):
        parse_position(pasted, Datum.WGS84)


def test_an_unknown_datum_fails_loudly():
    with pytest.raises(ValueError):
        to_wgs84(31.2, 121.4, "gcj-02")
