"""One set of rules for a station row, applied alike by the online form and the Excel import
(stations/validation.py); the city's bounding box comes from settings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import Audience, Station
from stations.services.filing_import import filing_import
from tests.factories import FilingFormFactory, make_user
from unions.models import Role, Union

from .excel.builders import EXTRA_HEADERS, UNIT, station_row, xlsx
from .test_filing_online import STATION_POST

BEIJING = {"latitude": "39.9087", "longitude": "116.3975"}
SHANGHAI = {"latitude": "31.2350", "longitude": "121.4810"}


@pytest.fixture
def beijing(settings):
    settings.CITY_NAME = "北京市"
    settings.CITY_LATITUDES = (39.4, 41.1)
    settings.CITY_LONGITUDES = (115.4, 117.6)


def form_errors(client, world, **fields) -> dict:
    client.force_login(world.user_a)
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    response = client.post(url, {**STATION_POST, **fields})
    if response.status_code == 302:
        return {}
    return response.context["form"].errors


def import_columns(world, n: int = 1, **fields) -> list[str]:
    extras = tuple(k for k in EXTRA_HEADERS if k in fields)
    result = filing_import(
        file=xlsx([station_row(n, **fields)], extras=extras), union=world.union_a, by=world.user_a
    )
    return [p.column for p in result.problems]


def test_the_form_reads_the_city_bounds_from_settings(client, world, beijing):
    assert form_errors(client, world, **BEIJING) == {}
    errors = form_errors(client, world, **SHANGHAI, name="另一个站")
    assert "北京市" in errors["latitude"][0]


def test_the_import_reads_the_city_bounds_from_settings(world, beijing):
    assert import_columns(world, **BEIJING) == []
    assert import_columns(world, 2, **SHANGHAI) == ["纬度"]


def test_shanghai_is_the_default(client, world):
    errors = form_errors(client, world, **BEIJING)
    assert "上海市" in errors["latitude"][0]
    assert import_columns(world, **BEIJING) == ["纬度"]


@pytest.mark.parametrize("area", ["0", "-1", "10000", "25000"])
def test_both_doors_refuse_the_same_areas(client, world, area):
    assert "area_m2" in form_errors(client, world, area_m2=area)
    assert import_columns(world, area=area) == ["站点区域面积"]


def test_both_doors_want_latitude_and_longitude_together(client, world):
    assert "longitude" in form_errors(client, world, latitude="31.2", longitude="")
    assert import_columns(world, latitude="31.2") == ["经度"]


def test_a_description_of_other_services_needs_other_services_chosen(client, world):
    errors = form_errors(client, world, services=["water"], services_other="免费雨具")
    assert "services_other" in errors


def test_a_too_long_description_of_other_services_is_refused_by_the_import(world):
    assert import_columns(world, services="饮水、" + "雨" * 201) == ["服务项目"]


def test_the_greening_union_files_sanitation_stations_by_default(client, world):
    greening = Union.objects.get(code="greening")
    clerk = make_user("clerk_green", Role.UNION_STAFF, union=greening)
    filing = FilingFormFactory(union=greening)
    client.force_login(clerk)
    page = client.get(reverse("stations:filing_station_add", args=[filing.pk]))
    assert page.context["form"]["audience"].value() == Audience.SANITATION
    unit = {**UNIT, "unit_name": greening.name}  # a union files in its own name
    result = filing_import(file=xlsx([station_row(1)], unit=unit), union=greening, by=clerk)
    assert result.ok
    assert Station.objects.get(filing=result.filing).audience == Audience.SANITATION
