"""The station form says which datum its coordinates are in and stores WGS-84 (issue 24):
typed numbers in any datum, a pasted Amap, Baidu or Tencent link or a pair, all round-trip;
what cannot be read is said in Chinese and nothing typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from stations.datum import Datum, from_wgs84, on_tiles
from stations.models import Station
from tests.factories import StationFactory

from .test_datum import REFERENCE, metres
from .test_filing_online import STATION_POST

# Where the station is (WGS-84), and the same place as Amap and Baidu show it.
TRUE = (31.235000, 121.481000)
AMAP = from_wgs84(*TRUE, Datum.GCJ02)
BAIDU = from_wgs84(*TRUE, Datum.BD09)


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def _add(clerk, world, **fields):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    with translation.override("zh-hans"):
        return clerk.post(url, {**STATION_POST, **fields}, HTTP_ACCEPT_LANGUAGE="zh-hans")


def _stored(name=STATION_POST["name"]):
    station = Station.objects.get(name=name)
    return station.latitude, station.longitude


def test_the_form_offers_the_three_datums_with_wgs84_first(clerk, world):
    response = clerk.get(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    html = response.content.decode()
    assert [value for value, _label in response.context["form"].fields["datum"].choices] == [
        "wgs84",
        "gcj02",
        "bd09",
    ]
    assert 'name="pasted_position"' in html
    assert 'data-tile-datum="wgs84"' in html


@pytest.mark.parametrize(("datum", "typed"), [("gcj02", AMAP), ("bd09", BAIDU), ("wgs84", TRUE)])
def test_numbers_typed_in_any_datum_are_stored_in_wgs84(clerk, world, datum, typed):
    response = _add(
        clerk, world, datum=datum, latitude=f"{typed[0]:.6f}", longitude=f"{typed[1]:.6f}"
    )
    assert response.status_code == 302
    assert metres(_stored(), TRUE) < 1.0


@pytest.mark.parametrize(
    "pasted",
    [
        f"https://uri.amap.com/marker?position={AMAP[1]:.6f},{AMAP[0]:.6f}&name=站",
        f"https://api.map.baidu.com/marker?location={BAIDU[0]:.6f},{BAIDU[1]:.6f}&title=站",
        f"https://apis.map.qq.com/uri/v1/marker?marker=coord:{AMAP[0]:.6f},{AMAP[1]:.6f};title:站",
        f"geo:{TRUE[0]:.6f},{TRUE[1]:.6f}",
    ],
)
def test_a_pasted_link_replaces_the_boxes_in_its_own_datum(clerk, world, pasted):
    # The boxes hold something else, and the datum chosen is not the link's: the link wins.
    response = _add(
        clerk, world, datum="wgs84", latitude="31.1", longitude="121.1", pasted_position=pasted
    )
    assert response.status_code == 302
    assert metres(_stored(), TRUE) < 1.0


def test_a_pasted_pair_is_read_in_the_datum_chosen(clerk, world):
    response = _add(
        clerk,
        world,
        datum="bd09",
        latitude="",
        longitude="",
        pasted_position=f"{BAIDU[1]:.6f},{BAIDU[0]:.6f}",
    )
    assert response.status_code == 302
    assert metres(_stored(), TRUE) < 1.0


def test_a_station_copied_from_baidu_lands_within_a_metre_of_the_reference(clerk, world, settings):
    """The library's reference pair (Beijing Capital airport) through the whole form: the
    city's box is moved there so the rules accept it."""
    settings.CITY_LATITUDES, settings.CITY_LONGITUDES = (39.0, 41.0), (115.0, 118.0)
    pair = REFERENCE["首都机场"]
    bd_lat, bd_lng = pair[Datum.BD09]
    response = _add(
        clerk,
        world,
        district=STATION_POST["district"],
        pasted_position=f"https://api.map.baidu.com/marker?location={bd_lat},{bd_lng}&title=T3",
    )
    assert response.status_code == 302
    assert metres(_stored(), pair[Datum.WGS84]) < 1.0
    # On the portal's map: where it sits on WGS-84 tiles, on Amap's and on Baidu's own.
    for tiles in (Datum.WGS84, Datum.GCJ02, Datum.BD09):
        settings.MAP_TILE_DATUM = tiles
        assert metres(on_tiles(*_stored()), pair[tiles]) < 1.0


def test_what_cannot_be_read_is_said_in_chinese_and_nothing_is_lost(clerk, world):
    response = _add(clerk, world, datum="gcj02", pasted_position="https://surl.amap.com/3xYz")
    assert response.status_code == 200
    assert "短链接" in response.context["form"].errors["pasted_position"][0]
    body = response.content.decode()
    assert 'value="https://surl.amap.com/3xYz"' in body
    assert f'value="{STATION_POST["latitude"]}"' in body
    assert '<option value="gcj02" selected>' in body
    assert not Station.objects.filter(name=STATION_POST["name"]).exists()


def test_a_converted_position_outside_the_city_is_still_refused(clerk, world):
    response = _add(clerk, world, datum="bd09", latitude="39.9", longitude="116.4")
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors


def test_an_unknown_datum_is_refused(clerk, world):
    response = _add(clerk, world, datum="mars")
    assert response.status_code == 200
    assert "datum" in response.context["form"].errors


def test_markup_pasted_comes_back_escaped(clerk, world):
    response = _add(clerk, world, pasted_position='"><script>alert(1)</script>')
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "pasted_position" in response.context["form"].errors


def test_a_nul_byte_pasted_is_refused_and_nothing_is_saved(clerk, world):
    response = _add(clerk, world, pasted_position="31.23,121.47\x00")
    assert response.status_code == 400
    assert not Station.objects.filter(name=STATION_POST["name"]).exists()


def test_editing_a_station_without_touching_the_position_keeps_it(clerk, world):
    station = StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        name="老站",
        address="福州路1号",
        latitude="31.230400",
        longitude="121.473700",
    )
    edit = reverse("stations:station_edit", args=[station.pk])
    form = clerk.get(edit).context["form"]
    assert form["datum"].value() == "wgs84"
    post = {
        **STATION_POST,
        "name": "老站",
        "address": "福州路1号",
        "latitude": "31.230400",
        "longitude": "121.473700",
        "datum": "wgs84",
    }
    assert clerk.post(edit, post).status_code == 302
    station.refresh_from_db()
    assert (str(station.latitude), str(station.longitude)) == ("31.230400", "121.473700")
