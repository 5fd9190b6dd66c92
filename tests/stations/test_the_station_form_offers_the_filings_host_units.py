"""The station form's host-unit list offers the units of its filing's stations and the
station's own, never every unit of the union (1,250 at national size: 90 KB of <select> on
every station form, issue 26); any other unit is typed by name, which finds it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from stations.models import Station
from tests.factories import FilingFormFactory, HostUnitFactory, StationFactory
from unions.models import HostUnit

pytestmark = pytest.mark.django_db


def _offered(page: str) -> list[str]:
    select = re.search(r'<select name="host_unit".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def test_the_add_form_offers_the_units_of_the_filing_only(client, world):
    filing = FilingFormFactory(union=world.union_a)
    used = HostUnitFactory(union=world.union_a)
    StationFactory(filing=filing, host_unit=used)
    for _ in range(4):
        HostUnitFactory(union=world.union_a)
    client.force_login(world.user_a)
    page = client.get(reverse("stations:filing_station_add", args=[filing.pk])).content.decode()
    assert _offered(page) == [str(used.pk)]


def test_a_unit_typed_by_name_is_the_unions_unit_of_that_name(client, world):
    other = HostUnitFactory(union=world.union_a, name="中国银行徐家汇支行")
    filing = FilingFormFactory(union=world.union_a)
    client.force_login(world.user_a)
    response = client.post(
        reverse("stations:filing_station_add", args=[filing.pk]),
        {
            "name": "中国银行徐家汇支行爱心接力站", "address": "上海市黄浦区南京东路1号",
            "district": "黄浦区", "head_name": "李红", "head_mobile": "13800000000",
            "opening_hours_text": "9:00-17:00", "area_m2": "10", "services": ["water"],
            "planned_completion": "2026-12-31", "carrier_type": "bank",
            "new_host_unit": "中国银行徐家汇支行", "audience": "all",
            "longitude": "121.4846", "latitude": "31.2317",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Station.objects.get(filing=filing).host_unit == other
    assert HostUnit.objects.filter(name="中国银行徐家汇支行").count() == 1


def test_the_agreement_form_offers_the_stations_own_unit_only(client, world):
    own = HostUnitFactory(union=world.union_a)
    world.station_a.host_unit = own
    world.station_a.save(update_fields=["host_unit"])
    for _ in range(4):
        HostUnitFactory(union=world.union_a)
    client.force_login(world.aid)
    url = reverse("stations:agreement_create", args=[world.station_a.pk])
    page = client.get(url, {"choose": "1"}).content.decode()
    assert _offered(page) == [str(own.pk)]
