"""Approval has one door: the acceptance check and the pledge live inside station_approve."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stations.models import Pledge, StationStatus
from stations.services import lifecycle
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory


@pytest.fixture
def submitted(world):
    return StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)


def test_the_lifecycle_approval_refuses_a_station_without_acceptance(world, submitted):
    with pytest.raises(ValidationError):
        lifecycle.station_approve(station=submitted, by=world.aid)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.plaque_number) == (StationStatus.SUBMITTED, "")


def test_a_failed_acceptance_does_not_open_the_door(world, submitted):
    acceptance_record(
        station=submitted, by=world.aid, checked_on="2018-10-01", **{**ALL_SIX, "has_sign": False}
    )
    with pytest.raises(ValidationError):
        lifecycle.station_approve(station=submitted, by=world.aid)


def test_approval_opens_the_pledge_with_its_deadline(world, submitted, settings):
    acceptance_record(station=submitted, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    station = lifecycle.station_approve(station=submitted, by=world.aid)
    pledge = Pledge.objects.get(station=station)
    assert pledge.due_by == Pledge.due_after(timezone.localdate(station.approved_at))


def test_the_declared_all_six_acceptance_is_recorded_with_the_approval(world, submitted):
    station = lifecycle.station_approve(
        station=submitted, by=world.aid, acceptance={"checked_on": "2018-10-01", **ALL_SIX}
    )
    assert station.status == StationStatus.APPROVED
    assert station.acceptances.get().passed


def test_an_inspector_cannot_approve_even_with_an_acceptance(world, submitted):
    acceptance_record(station=submitted, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    with pytest.raises(PermissionDenied):
        lifecycle.station_approve(station=submitted, by=world.inspector)


def test_every_service_named_by_the_actions_table_exists():
    from stations.models import ACTIONS

    for name in lifecycle.SERVICES:
        assert name in ACTIONS
    buttons = {name for name, action in ACTIONS.items() if action.button}
    assert buttons == set(lifecycle.SERVICES)


def test_a_reason_is_required_where_the_table_says_so(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        lifecycle.station_return(station=station, by=world.aid, reason="  ")
    lifecycle.station_return(station=station, by=world.aid, reason="地址不全")
    station.refresh_from_db()
    assert station.status_reason == "地址不全"


def test_upgrade_and_reissue_take_their_roles_from_the_table(world):
    station = StationFactory(
        filing=world.filing_a,
        status=StationStatus.ACTIVE,
        audience="sanitation",
        plaque_number="SH09009",
        plaque_seq=9009,
    )
    with pytest.raises(PermissionDenied):
        lifecycle.station_upgrade(station=station, by=world.inspector, reason="开放")
    with pytest.raises(PermissionDenied):
        lifecycle.plaque_reissue(station=station, by=world.user_a, reason="遗失")
    lifecycle.station_upgrade(station=station, by=world.aid, reason="开放")
    station.refresh_from_db()
    assert station.audience == "all"
