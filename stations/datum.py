"""Which datum a position is in, and the one the portal keeps (issue 24).

Every Chinese map a clerk copies a position from gives GCJ-02 (Amap, Tencent) or BD-09
(Baidu); GPS, Tianditu and OpenStreetMap give WGS-84. The two are a few hundred metres
apart in Shanghai. The portal stores **WGS-84 only**: every way a position comes in says
its datum (the station form's choice, a pasted map link, the Excel template's 坐标系
column), and this module turns it into WGS-84 before anything is saved. Links out to a map
app are turned back into that app's datum here too.

The arithmetic is prcoords' (public domain, CC0): its forward functions are the published
GCJ-02 and BD-09 formulas, and its ``*_bored`` inverses iterate to well under a millimetre
(tests/stations/test_datum.py holds them to reference pairs to within a metre). The
browser does the same with gcoord (static/vendor/gcoord, MIT) in station_form.js.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qs, quote, unquote, urlsplit

import prcoords
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .parsing import ParseError, normalize_text

SIX_PLACES = Decimal("0.000001")  # the model's precision, about 0.1 m


class Datum(models.TextChoices):
    WGS84 = "wgs84", gettext_lazy("WGS-84 (GPS, Tianditu, OpenStreetMap)")
    GCJ02 = "gcj02", gettext_lazy("GCJ-02 (Amap, Tencent Maps)")
    BD09 = "bd09", gettext_lazy("BD-09 (Baidu Maps)")


# How a datum is written in the Excel template's 坐标系 column (and read back).
CELL_TEXT = {Datum.WGS84: "WGS-84", Datum.GCJ02: "GCJ-02", Datum.BD09: "BD-09"}


def default_datum() -> str:
    """The datum an Excel cell left empty is read in (setting COORDINATE_DATUM)."""
    return settings.COORDINATE_DATUM


# The spellings a clerk may type in the Excel template's 坐标系 column, folded to lower case
# without spaces or hyphens. Chinese map names are the input vocabulary, not shown text.
_DATUM_WORDS = {
    Datum.WGS84: ("wgs84", "wgs", "gps", "天地图", "openstreetmap", "osm", "4326", "epsg4326"),
    Datum.GCJ02: ("gcj02", "gcj", "高德", "高德地图", "腾讯", "腾讯地图", "火星坐标", "国测局"),
    Datum.BD09: ("bd09", "bd09ll", "百度", "百度地图", "百度坐标"),
}


def datum_from_text(text) -> str | None:
    """A datum from what a cell says (``WGS-84``, ``GCJ-02``, ``高德``, ``百度地图`` …);
    None when it is empty; ParseError when it names none of the three."""
    folded = re.sub(r"[\s\-_（）()]", "", normalize_text(text)).lower()
    if not folded:
        return None
    for datum, words in _DATUM_WORDS.items():
        if folded in words:
            return datum.value
    raise ParseError(
        _("“%(value)s” is not a datum the portal knows; write WGS-84, GCJ-02 or BD-09.")
        % {"value": normalize_text(text)}
    )


def _in_china(lat: float, lng: float) -> bool:
    # Outside China neither obfuscation applies; the maps give WGS-84 there.
    return prcoords.sanity_in_china_p(prcoords.Coords(lat, lng))


def to_wgs84(lat, lng, datum: str) -> tuple[Decimal, Decimal]:
    """A position given in ``datum``, in WGS-84 at the model's six decimals."""
    datum = Datum(datum)  # an unknown datum (a mistyped setting) fails loudly
    lat, lng = float(lat), float(lng)
    if datum != Datum.WGS84 and _in_china(lat, lng):
        inverse = prcoords.gcj_wgs_bored if datum == Datum.GCJ02 else prcoords.bd_wgs_bored
        lat, lng = inverse(prcoords.Coords(lat, lng))
    return (Decimal(repr(lat)).quantize(SIX_PLACES), Decimal(repr(lng)).quantize(SIX_PLACES))


def from_wgs84(lat, lng, datum: str) -> tuple[float, float]:
    """A stored (WGS-84) position in ``datum``, for a link to a map app that reads it."""
    datum = Datum(datum)  # an unknown datum (a mistyped setting) fails loudly
    lat, lng = float(lat), float(lng)
    if datum == Datum.WGS84 or not _in_china(lat, lng):
        return lat, lng
    forward = prcoords.wgs_gcj if datum == Datum.GCJ02 else prcoords.wgs_bd
    return tuple(forward(prcoords.Coords(lat, lng)))


def on_tiles(lat, lng) -> tuple[float, float]:
    """A stored position where it sits on the configured map tiles (MAP_TILE_DATUM)."""
    return from_wgs84(lat, lng, settings.MAP_TILE_DATUM)


# --- Links out ---------------------------------------------------------------------------


def map_app_links(lat, lng, name: str, address: str = "") -> dict[str, str]:
    """A stored position as each map app wants it: Amap and Tencent read GCJ-02, Baidu
    BD-09 (told so with coord_type), and a geo: URI (RFC 5870) is WGS-84 by definition."""
    w_lat, w_lng = f"{float(lat):.6f}", f"{float(lng):.6f}"
    g_lat, g_lng = (f"{v:.6f}" for v in from_wgs84(lat, lng, Datum.GCJ02))
    b_lat, b_lng = (f"{v:.6f}" for v in from_wgs84(lat, lng, Datum.BD09))
    q_name, q_address = quote(name, safe=""), quote(address, safe="")
    return {
        "amap": (
            f"https://uri.amap.com/marker?position={g_lng},{g_lat}&name={q_name}"
            "&coordinate=gaode&callnative=1"
        ),
        "baidu": (
            f"https://api.map.baidu.com/marker?location={b_lat},{b_lng}&title={q_name}"
            f"&content={q_address}&coord_type=bd09ll&output=html&src=webapp.relay.station"
        ),
        "tencent": (
            f"https://apis.map.qq.com/uri/v1/marker?marker=coord:{g_lat},{g_lng};"
            f"title:{q_name};addr:{q_address}&referer=relay.station"
        ),
        "geo": f"geo:{w_lat},{w_lng}?q={w_lat},{w_lng}({q_name})",
    }


# --- Links and pairs in ------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    lat: float
    lng: float
    datum: str  # the datum it was given in
    source: str  # "amap", "baidu", "tencent", "geo" or "pair"


_NUMBER = r"(?<![\d.])[-+]?\d{1,3}(?:\.\d+)?(?![\d.])"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*[,，、;；\s]\s*({_NUMBER})\s*$")
_BARE_ADDRESS = re.compile(r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}/")
_SHORT_HOSTS = ("surl.amap.com", "j.map.baidu.com", "url.cn", "dwz.cn", "t.cn")


def _pair(text: str) -> tuple[float, float] | None:
    match = _PAIR.match(text)
    if not match:
        return None
    return float(match.group(1)), float(match.group(2))


def _lat_lng(a: float, b: float) -> tuple[float, float] | None:
    """(lat, lng) from two numbers in either order: in China a latitude is under 56 and a
    longitude over 72, so the order never needs guessing there."""
    if abs(a) <= 56 < abs(b) <= 180:
        return a, b
    if abs(b) <= 56 < abs(a) <= 180:
        return b, a
    return None


def _unreadable() -> ParseError:
    return ParseError(
        _(
            "No position found in what was pasted: paste a full share link from Amap, "
            "Baidu or Tencent Maps, a geo: link, or the two numbers (longitude, latitude)."
        )
    )


def parse_position(text, datum: str | None = None) -> Position:
    """A position from what a clerk pastes: a map app's share link (its datum is the
    app's), a geo: URI (WGS-84), or two numbers in either order (in ``datum``)."""
    text = normalize_text(text)
    if not text:
        raise _unreadable()
    pair = _pair(text)
    if pair is not None:
        found = _lat_lng(*pair)
        if found is None:
            raise _unreadable()
        if datum not in Datum.values:
            raise ParseError(_("Say which datum the two numbers are in."))
        return Position(found[0], found[1], datum, "pair")
    if text.lower().startswith("geo:"):
        return _geo(text)
    if "://" not in text:
        if not _BARE_ADDRESS.match(text):
            raise _unreadable()
        # "uri.amap.com/marker?…" as copied from an address bar without its scheme.
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # "Invalid IPv6 URL" and the like
        raise _unreadable() from exc
    host = (parts.hostname or "").lower()
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if host in _SHORT_HOSTS or (host.endswith("map.qq.com") and parts.path.startswith("/m/")):
        raise ParseError(
            _(
                "A short link only says where it points once it is opened on the internet; "
                "open it in the map app and copy the full link or the coordinates instead."
            )
        )
    if host.endswith(("amap.com", "autonavi.com")):
        return _amap(query)
    if host.endswith("baidu.com"):
        return _baidu(parts.path, query)
    if host.endswith("qq.com"):
        return _tencent(query)
    raise ParseError(_("Only links from Amap, Baidu and Tencent Maps and geo: links are read."))


def _from_pair(value: str | None, *, lat_first: bool, datum: str, source: str) -> Position:
    numbers = re.findall(_NUMBER, unquote(value or ""))
    if len(numbers) < 2:
        raise _unreadable()
    a, b = float(numbers[0]), float(numbers[1])
    lat, lng = (a, b) if lat_first else (b, a)
    if abs(lat) > 90 or abs(lng) > 180:
        raise _unreadable()
    return Position(lat, lng, datum, source)


def _geo(text: str) -> Position:
    # geo:lat,lng[,alt][;crs=wgs84][;u=…][?q=…] (RFC 5870): WGS-84 unless it says otherwise.
    body = text[4:].split("?", 1)[0]
    coordinates, *params = body.split(";")
    if any(p.lower().startswith("crs=") and p.lower() != "crs=wgs84" for p in params):
        raise ParseError(_("This geo: link is not in WGS-84."))
    return _from_pair(coordinates, lat_first=True, datum=Datum.WGS84, source="geo")


def _amap(query: dict) -> Position:
    # uri.amap.com/marker?position=lng,lat (&coordinate=wgs84 when the sender said so),
    # www.amap.com/?p=POI,lat,lng,name,…, ?q=lat,lng,name, ditu.amap.com/regeo?lng=&lat=.
    datum = Datum.WGS84 if query.get("coordinate", "").lower() == "wgs84" else Datum.GCJ02
    if "position" in query:
        return _from_pair(query["position"], lat_first=False, datum=datum, source="amap")
    if "lnglat" in query:
        return _from_pair(query["lnglat"], lat_first=False, datum=datum, source="amap")
    if "lng" in query and "lat" in query:
        return _from_pair(
            f"{query['lat']},{query['lng']}", lat_first=True, datum=datum, source="amap"
        )
    if "p" in query:
        # The POI id comes first; latitude, longitude follow.
        fields = query["p"].split(",")
        return _from_pair(",".join(fields[1:3]), lat_first=True, datum=datum, source="amap")
    if "q" in query:
        return _from_pair(query["q"], lat_first=True, datum=datum, source="amap")
    raise _unreadable()


def _mercator() -> ParseError:
    return ParseError(
        _(
            "This Baidu link gives Baidu's projected (Mercator) numbers, not a latitude and "
            "longitude; use the coordinates from Baidu's coordinate picker instead."
        )
    )


_BAIDU_TYPES = {"bd09ll": Datum.BD09, "gcj02": Datum.GCJ02, "wgs84": Datum.WGS84}


def _baidu(path: str, query: dict) -> Position:
    # api.map.baidu.com/marker?location=lat,lng&coord_type=…, map.baidu.com/?latlng=lat,lng.
    coord_type = query.get("coord_type", "bd09ll").lower()
    if coord_type not in _BAIDU_TYPES:
        raise _mercator()
    datum = _BAIDU_TYPES[coord_type]
    for key in ("location", "latlng"):
        if key in query:
            return _from_pair(query[key], lat_first=True, datum=datum, source="baidu")
    if "@" in path or "center" in query:
        raise _mercator()
    raise _unreadable()


def _tencent(query: dict) -> Position:
    # apis.map.qq.com/uri/v1/marker?marker=coord:lat,lng;title:…, map.qq.com/?pointx=lng&
    # pointy=lat; coord_type=1 means GPS (WGS-84), otherwise Tencent's own GCJ-02.
    datum = Datum.WGS84 if query.get("coord_type") == "1" else Datum.GCJ02
    marker = query.get("marker", "")
    if "coord:" in marker:
        coordinates = marker.split("coord:", 1)[1].split(";", 1)[0]
        return _from_pair(coordinates, lat_first=True, datum=datum, source="tencent")
    if "pointx" in query and "pointy" in query:
        return _from_pair(
            f"{query['pointy']},{query['pointx']}", lat_first=True, datum=datum, source="tencent"
        )
    for key in ("coord", "center"):
        if key in query:
            return _from_pair(query[key], lat_first=True, datum=datum, source="tencent")
    raise _unreadable()
