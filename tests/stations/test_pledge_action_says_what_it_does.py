"""Recording that the signed pledge arrived is called that, not 修改承诺书."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from stations.models import Pledge, StationStatus
from tests.factories import StationFactory


@pytest.fixture
def pledged(world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.APPROVED,
        host_unit=world.host_a,
        plaque_number="SH00001",
        plaque_seq=1,
    )
    Pledge.objects.create(
        station=station,
        union=station.union,
        pledging_unit="工商银行",
        service_hours="9:00-17:00",
        head_name="李红",
        due_by=dt.date(2018, 12, 1),
    )
    return station


@pytest.fixture
def officer(client, world):
    client.force_login(world.aid)
    return client


def test_the_station_page_offers_to_record_the_signed_pledge(officer, pledged):
    page = officer.get(reverse("stations:staff_detail", args=[pledged.pk])).content.decode()
    assert "登记承诺书收回" in page
    assert "修改承诺书" not in page


def test_once_received_the_action_is_a_correction(officer, pledged):
    Pledge.objects.filter(station=pledged).update(received_on=dt.date(2018, 11, 5))
    page = officer.get(reverse("stations:staff_detail", args=[pledged.pk])).content.decode()
    assert "更正承诺书登记" in page
    assert "登记承诺书收回" not in page


def test_recording_the_arrival_says_so(officer, pledged):
    response = officer.post(
        reverse("stations:pledge_edit", args=[pledged.pk]),
        {
            "pledging_unit": "工商银行",
            "service_hours": "9:00-17:00",
            "head_name": "李红",
            "pledged_on": "2018-11-01",
            "due_by": "2018-12-01",
            "received_on": "2018-11-05",
        },
        follow=True,
    )
    text = " ".join(str(m) for m in response.context["messages"])
    assert pledged.name in text and "2018-11-05" in text and "收回" in text
