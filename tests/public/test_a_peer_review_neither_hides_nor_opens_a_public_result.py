"""Issue 21, items 1 and 5: a union's own evaluation is never a public result. A peer review
of 100 made after an inspector's red-line check does not hide it from the station's page,
and a peer review's red line puts nothing on the page nor in the quarter's rankings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish
from inspections.models import InspectionKind
from tests.assessment.helpers import check, red_line_check

pytestmark = pytest.mark.django_db

PEER = InspectionKind.PEER_REVIEW


def _ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _check_line(station) -> str:
    page = Client().get(f"/stations/{station.plaque_number}/").content.decode()
    return page.split('data-testid="last-check"')[1].split("</p>")[0]


def test_a_later_peer_review_of_100_does_not_hide_an_inspectors_red_line(world, public_station):
    station = public_station()
    red_line_check(station, 55, by=world.inspector, when=_ago(20))
    check(station, 100, kind=PEER, by=world.user_b, when=_ago(16))
    line = _check_line(station)
    assert 'data-red-line="yes"' in line and "55.0 分" in line
    assert "100.0 分" not in line


def test_a_peer_reviews_red_line_is_no_public_result(world, public_station):
    station = public_station()
    red_line_check(station, 30, kind=PEER, by=world.user_b, when=_ago(20))
    line = _check_line(station)
    assert "尚未检查" in line and "严重问题" not in line


def test_a_peer_reviews_red_line_neither_fails_nor_ranks_a_station(world, public_station, client):
    zone = timezone.get_default_timezone()
    since = dt.datetime(2024, 1, 2, tzinfo=zone)
    station = public_station(activated_at=since)
    inspected = public_station(activated_at=since)
    spring = dt.datetime(2025, 2, 10, 10, tzinfo=zone)
    red_line_check(station, 30, kind=PEER, by=world.user_b, when=spring)
    check(inspected, 80, by=world.inspector, when=spring)
    assessment = assessment_run(year=2025, quarter=1, by=world.aid)
    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    data = client.get(reverse("rankings:api", kwargs={"year": 2025, "quarter": 1})).json()
    listed = {s["plaque_number"]: s for s in data["stations"]}
    assert listed[station.plaque_number]["red_line"] is False
    assert listed[station.plaque_number]["checked"] is False
    assert listed[station.plaque_number]["rank"] is None
    assert listed[inspected.plaque_number]["rank"] == 1
