"""Coordinates go one way everywhere: 经度 then 纬度, as in the Excel template's columns."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from stations.excel.layout import coordinate_order, layout
from tests.factories import StationFactory


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def test_the_excel_template_puts_longitude_first():
    headers = [c.header for c in layout().extras]
    assert headers.index("经度") < headers.index("纬度")
    assert coordinate_order() == ("longitude", "latitude")


def test_the_form_asks_in_the_template_order(clerk, world):
    response = clerk.get(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    html = response.content.decode()
    assert html.index('id="id_longitude"') < html.index('id="id_latitude"')
    form = response.context["form"]
    assert [f.name for f in form.coordinate_fields] == list(coordinate_order())
    fields = list(form.fields)
    assert fields.index("longitude") < fields.index("latitude")


def test_the_staff_page_shows_them_named_and_in_the_same_order(clerk, world):
    station = StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        latitude=Decimal("31.235000"),
        longitude=Decimal("121.481000"),
    )
    html = clerk.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    assert "经度 121.481000，纬度 31.235000" in html


def test_a_station_without_coordinates_shows_a_dash(clerk, world):
    station = StationFactory(
        filing=world.filing_a, union=world.union_a, latitude=None, longitude=None
    )
    response = clerk.get(reverse("stations:staff_detail", args=[station.pk]))
    assert '<dd class="col-sm-8" data-testid="coordinates">—</dd>' in response.content.decode()


def test_the_map_keeps_to_the_box_the_rules_accept(clerk, world, settings):
    settings.CITY_LATITUDES = (30.6, 31.9)
    settings.CITY_LONGITUDES = (120.8, 122.2)
    response = clerk.get(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    assert 'data-bounds="30.6,120.8,31.9,122.2"' in response.content.decode()
