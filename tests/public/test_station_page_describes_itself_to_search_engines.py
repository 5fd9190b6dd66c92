"""An open station's page carries its schema.org description as JSON-LD (issue 24): a
CivicStructure with address, WGS-84 position, weekly hours including overnight slots, its
temporary closures and its 6+X facilities, valid against schema.org's generated schemas;
nothing of the station head; markup in a name cannot break out of the data block."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from public.station_jsonld import opening_hours_specification
from stations.models import Facility, Service, StationStatus
from stations.services.closures import closure_post

from .standards import SchemaOrg


@pytest.fixture(scope="module")
def schema_org():
    return SchemaOrg()


def _jsonld(client, station) -> list[dict]:
    body = client.get(f"/stations/{station.plaque_number}/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return [json.loads(block) for block in blocks]


def test_an_open_station_describes_itself_validly(client, public_station, world, schema_org):
    station = public_station(
        name="人民广场爱心接力站",
        latitude=Decimal("31.230400"),
        longitude=Decimal("121.473700"),
        opening_hours=[
            {"days": [0, 1, 2, 3, 4], "start": "09:00", "end": "17:00"},
            {"days": [4], "start": "22:00", "end": "02:00"},
        ],
        services=[Service.WATER, Service.CHARGING],
        facilities=[Facility.AIR_CON, Facility.WIFI],
        toilet_open=True,
    )
    today = timezone.localdate()
    closure_post(
        station=station,
        by=world.user_a,
        starts_on=today + dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=3),
        reason="装修",
    )

    [place] = _jsonld(client, station)

    assert schema_org.problems(place) == []
    assert place["@type"] == "CivicStructure" and place["identifier"] == station.plaque_number
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 31.2304, "longitude": 121.4737}
    assert place["address"]["streetAddress"] == station.address
    hours = place["openingHoursSpecification"]
    assert {"dayOfWeek": ["Friday"], "opens": "22:00", "closes": "02:00"}.items() <= hours[
        1
    ].items()
    [closed] = place["specialOpeningHoursSpecification"]
    assert (closed["validFrom"], closed["opens"], closed["closes"]) == (
        (today + dt.timedelta(days=2)).isoformat(),
        "00:00",
        "00:00",
    )
    names = {f["name"] for f in place["amenityFeature"]}
    assert {"饮水供给", "手机充电", "空调", "免费Wi-Fi"} <= names
    text = json.dumps(place, ensure_ascii=False)
    assert station.head_name not in text and station.head_mobile not in text


def test_the_check_finds_a_misspelt_property_and_a_wrong_value(schema_org):
    wrong = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": "站",
        "opensAt": "09:00",
        "geo": {"@type": "GeoCoordinates", "latitude": {"deg": 31}},
    }
    problems = schema_org.problems(wrong)
    assert any("opensAt" in p for p in problems)
    assert any(".geo[0]" in p for p in problems)


def test_a_name_with_markup_stays_inside_the_data_block(client, public_station):
    station = public_station(name="</script><script>alert(1)</script>")
    body = client.get(f"/stations/{station.plaque_number}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in body


def test_a_station_not_open_says_nothing(client, public_station):
    station = public_station(status=StationStatus.APPROVED)
    assert _jsonld(client, station) == []


def test_hours_read_as_search_engines_document_them():
    assert opening_hours_specification([], True) == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ],
            "opens": "00:00",
            "closes": "23:59",
        }
    ]
    # 24 hours from 08:00 on Monday: to midnight, then Tuesday morning.
    day = opening_hours_specification([{"days": [0], "start": "08:00", "end": "08:00"}], False)
    assert [(s["dayOfWeek"], s["opens"], s["closes"]) for s in day] == [
        (["Monday"], "08:00", "23:59"),
        (["Tuesday"], "00:00", "08:00"),
    ]
    assert opening_hours_specification([{"days": [0], "start": "x"}], False) == []
