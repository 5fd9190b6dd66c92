"""The duplicate check (same name and address) compares with the union's own stations and
with public ones only: a refusal must not tell a clerk what another union has in hand."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import StationStatus
from stations.services.filing_import import filing_import
from tests.factories import FilingFormFactory, StationFactory

from .excel.builders import station_row, xlsx
from .test_filing_online import STATION_POST

HIDDEN = [StationStatus.DRAFT, StationStatus.SUBMITTED, StationStatus.RETURNED]
HIDDEN += [StationStatus.APPROVED, StationStatus.REVOKED, StationStatus.CLOSED]
PUBLIC = [StationStatus.ACTIVE, StationStatus.RECTIFYING]


@pytest.fixture
def run_import(world):
    return lambda file: filing_import(file=file, union=world.union_a, by=world.user_a)


def other_unions_station(world, status, *, name, address):
    filing_b = FilingFormFactory(union=world.union_b)
    return StationFactory(filing=filing_b, name=name, address=address, status=status)


def post_station(client, world, **fields):
    client.force_login(world.user_a)
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    return client.post(url, {**STATION_POST, **fields})


@pytest.mark.parametrize("status", HIDDEN)
def test_the_form_says_nothing_of_another_unions_unpublished_station(client, world, status):
    other_unions_station(world, status, name=STATION_POST["name"], address="福州路100号")
    response = post_station(client, world)
    assert response.status_code == 302  # saved: the other union's record stays unknown


@pytest.mark.parametrize("status", PUBLIC)
def test_the_form_refuses_a_public_station_of_another_union(client, world, status):
    other_unions_station(world, status, name=STATION_POST["name"], address="福州路100号")
    response = post_station(client, world)
    assert "name" in response.context["form"].errors
    # What the clerk typed is kept for the correction.
    assert response.context["form"]["address"].value() == "福州路100号"


@pytest.mark.parametrize("status", HIDDEN)
def test_the_import_says_nothing_of_another_unions_unpublished_station(world, run_import, status):
    row = station_row(1)
    other_unions_station(world, status, name=row["name"], address=row["address"])
    assert run_import(xlsx([row])).ok


@pytest.mark.parametrize("status", PUBLIC)
def test_the_import_refuses_a_public_station_of_another_union(world, run_import, status):
    row = station_row(1)
    other_unions_station(world, status, name=row["name"], address=row["address"])
    assert [p.column for p in run_import(xlsx([row])).problems] == ["推荐站点名称"]


def test_the_unions_own_draft_is_a_duplicate_in_both_doors(client, world, run_import):
    row = station_row(1)
    StationFactory(filing=world.filing_a, name=row["name"], address=row["address"])
    assert not run_import(xlsx([row])).ok
    response = post_station(client, world, name=row["name"], address=row["address"])
    assert "name" in response.context["form"].errors


def test_editing_a_station_does_not_find_itself(client, world):
    station = world.station_a
    client.force_login(world.user_a)
    url = reverse("stations:station_edit", args=[station.pk])
    response = client.post(url, {**STATION_POST, "name": station.name, "address": station.address})
    assert response.status_code == 302
