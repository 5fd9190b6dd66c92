"""The toilet is asked once: the 开放卫生间 checkbox (Station.toilet_open), not also as a
facility. Stations stored with the old facility still read, and move over when edited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stations.models import Facility, StationStatus
from tests.factories import StationFactory

from .test_filing_online import STATION_POST


@pytest.fixture
def clerk(client, world):
    client.force_login(world.user_a)
    return client


def test_the_form_offers_the_toilet_only_as_its_own_checkbox(clerk, world):
    response = clerk.get(reverse("stations:filing_station_add", args=[world.filing_a.pk]))
    html = response.content.decode()
    assert 'value="open_toilet"' not in html
    assert 'name="toilet_open"' in html
    assert Facility.OPEN_TOILET not in dict(response.context["form"].fields["facilities"].choices)


def test_an_old_toilet_facility_is_refused_as_a_choice(clerk, world):
    url = reverse("stations:filing_station_add", args=[world.filing_a.pk])
    response = clerk.post(url, {**STATION_POST, "facilities": ["air_con", "open_toilet"]})
    assert "facilities" in response.context["form"].errors


def test_a_station_stored_with_the_old_facility_keeps_its_toilet_when_edited(clerk, world):
    station = StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        status=StationStatus.DRAFT,
        facilities=["air_con", "open_toilet"],
        toilet_open=False,
    )
    url = reverse("stations:station_edit", args=[station.pk])
    form = clerk.get(url).context["form"]
    assert form["toilet_open"].value() is True
    assert form["facilities"].value() == ["air_con"]
    detail = clerk.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    assert detail.count("卫生间向户外职工开放") == 1  # old data still reads

    post = {**STATION_POST, "name": station.name, "address": station.address}
    post["facilities"] = ["air_con"]
    assert clerk.post(url, post).status_code == 302
    station.refresh_from_db()
    assert station.toilet_open is True
    assert station.facilities == ["air_con"]


def test_the_staff_page_says_the_toilet_once_when_both_were_stored(clerk, world):
    station = StationFactory(
        filing=world.filing_a,
        union=world.union_a,
        facilities=["wifi", "open_toilet"],
        toilet_open=True,
    )
    html = clerk.get(reverse("stations:staff_detail", args=[station.pk])).content.decode()
    assert html.count("卫生间") == 1
    assert "免费Wi-Fi" in html
