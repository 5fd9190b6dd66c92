"""The agreement form asks for Party A (甲方) first, then offers only its stations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from stations.models import Agreement, StationStatus
from stations.services.records import agreement_record
from tests.factories import HostUnitFactory, OperatingStationFactory


def _approved(world, host, name, seq):
    return OperatingStationFactory(
        filing=world.filing_a,
        status=StationStatus.APPROVED,
        host_unit=host,
        name=name,
        plaque_seq=seq,
    )


@pytest.fixture
def two_hosts(world):
    bank = world.host_a
    shop = HostUnitFactory(union=world.union_a, name="华联超市黄浦店")
    return {
        "bank": _approved(world, bank, "中国银行站", 1),
        "bank2": _approved(world, bank, "中国银行二站", 2),
        "shop": _approved(world, shop, "华联超市站", 3),
        "shop_host": shop,
    }


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def test_only_the_host_units_stations_are_offered(officer, two_hosts):
    response = officer.get(reverse("stations:agreement_create", args=[two_hosts["bank"].pk]))
    offered = list(response.context["form"].fields["stations"].queryset)
    assert offered == [two_hosts["bank"], two_hosts["bank2"]]
    assert "华联超市站" not in response.content.decode()


def test_choosing_another_host_unit_offers_its_stations(officer, two_hosts):
    response = officer.get(
        reverse("stations:agreement_create", args=[two_hosts["bank"].pk]),
        {"host_unit": two_hosts["shop_host"].pk},
    )
    offered = list(response.context["form"].fields["stations"].queryset)
    assert offered == [two_hosts["shop"]]


def test_the_carrier_type_is_not_asked_again(officer, two_hosts):
    page = officer.get(
        reverse("stations:agreement_create", args=[two_hosts["bank"].pk])
    ).content.decode()
    assert 'name="carrier_type"' not in page


def test_a_station_of_another_host_unit_cannot_be_posted(officer, two_hosts, world):
    response = officer.post(
        reverse("stations:agreement_create", args=[two_hosts["bank"].pk]),
        {
            "host_unit": world.host_a.pk,
            "stations": [two_hosts["bank"].pk, two_hosts["shop"].pk],
            "signatory_a": "张行长",
            "signed_on": "2018-11-01",
        },
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_the_service_refuses_another_host_units_station(two_hosts, world):
    with pytest.raises(ValidationError):
        agreement_record(
            host_unit=world.host_a,
            stations=[two_hosts["shop"]],
            by=world.aid,
            signatory_a="张行长",
            signed_on="2018-11-01",
        )


def test_a_station_without_host_unit_asks_for_party_a_first(officer, world):
    station = _approved(world, None, "无单位站", 9)
    response = officer.get(reverse("stations:agreement_create", args=[station.pk]))
    page = response.content.decode()
    assert 'name="host_unit"' in page
    assert 'data-testid="agreement-form"' not in page
