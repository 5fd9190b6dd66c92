"""Every lifecycle transition, who may make it, and the append-only history it leaves."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stations.models import Audience, StationStatus, StationTransition
from stations.services import lifecycle
from stations.services.lifecycle import station_approve
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory


def _approved(world, **kwargs):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED, **kwargs)
    acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    return station_approve(station=station, by=world.aid)


def _active(world, **kwargs):
    station = _approved(world, **kwargs)
    station.status = StationStatus.ACTIVE
    station.save()
    return station


def test_union_staff_submit_a_draft(world):
    station = lifecycle.station_submit(station=world.station_a, by=world.user_a)
    assert station.status == StationStatus.SUBMITTED
    entry = station.transitions.get()
    assert (entry.from_status, entry.to_status, entry.by) == ("draft", "submitted", world.user_a)


def test_the_aid_center_cannot_submit_for_a_union(world):
    with pytest.raises(PermissionDenied):
        lifecycle.station_submit(station=world.station_a, by=world.aid)


def test_approval_needs_a_passed_acceptance(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        station_approve(station=station, by=world.aid)
    acceptance_record(
        station=station, by=world.aid, checked_on="2018-10-01", **{**ALL_SIX, "has_sign": False}
    )
    with pytest.raises(ValidationError):
        station_approve(station=station, by=world.aid)
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED
    assert station.plaque_number == ""


def test_approval_numbers_the_plaque_and_opens_a_pledge(world, plaque_prefix):
    station = _approved(world)
    assert station.status == StationStatus.APPROVED
    assert station.plaque_number == f"{plaque_prefix}00001"
    assert station.pledge.due_by is not None
    assert not station.pledge.on_file


def test_union_staff_cannot_approve(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        lifecycle.station_approve(station=station, by=world.user_a)


def test_an_inspector_cannot_approve(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        lifecycle.station_approve(station=station, by=world.inspector)


@pytest.mark.parametrize("service", [lifecycle.station_return, lifecycle.station_reject])
def test_return_and_reject_need_a_reason(world, service):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        service(station=station, by=world.aid, reason="  ")


def test_a_returned_station_can_be_resubmitted(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    lifecycle.station_return(station=station, by=world.aid, reason="地址不全")
    station.refresh_from_db()
    assert station.status == StationStatus.RETURNED
    assert station.status_reason == "地址不全"
    lifecycle.station_submit(station=station, by=world.user_a)
    station.refresh_from_db()
    assert station.status == StationStatus.SUBMITTED


def test_a_rejected_station_cannot_be_approved(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    lifecycle.station_reject(station=station, by=world.aid, reason="不符合条件")
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.station_approve(station=station, by=world.aid)


def test_a_draft_cannot_be_approved(world):
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.station_approve(station=world.station_a, by=world.aid)


def test_inspectors_and_the_aid_center_order_and_end_rectification(world):
    station = _active(world)
    lifecycle.station_rectify_start(station=station, by=world.inspector, reason="未挂牌")
    station.refresh_from_db()
    assert station.status == StationStatus.RECTIFYING
    lifecycle.station_rectify_end(station=station, by=world.aid)
    station.refresh_from_db()
    assert station.status == StationStatus.ACTIVE


def test_union_staff_cannot_order_rectification(world):
    station = _active(world)
    with pytest.raises(PermissionDenied):
        lifecycle.station_rectify_start(station=station, by=world.user_a, reason="x")


def test_revocation_recalls_the_plaque_and_keeps_the_number(world):
    station = _active(world)
    number = station.plaque_number
    lifecycle.station_revoke(station=station, by=world.aid, reason="多次暗访未开放")
    station.refresh_from_db()
    assert station.status == StationStatus.REVOKED
    assert station.plaque_recalled
    assert station.plaque_number == number
    # The next approval gets a new number: revoked numbers are never reused.
    assert _approved(world).plaque_number != number


def test_an_inspector_cannot_revoke(world):
    station = _active(world)
    with pytest.raises(PermissionDenied):
        lifecycle.station_revoke(station=station, by=world.inspector, reason="x")


def test_a_station_can_be_closed_when_its_host_withdraws(world):
    station = _active(world)
    lifecycle.station_close(station=station, by=world.aid, reason="门店搬迁")
    station.refresh_from_db()
    assert station.status == StationStatus.CLOSED
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.station_rectify_start(station=station, by=world.aid, reason="x")


def test_a_sanitation_station_is_upgraded_with_an_audit_entry(world):
    station = _active(world, audience=Audience.SANITATION)
    lifecycle.station_upgrade(station=station, by=world.aid, reason="条件成熟")
    station.refresh_from_db()
    assert station.audience == Audience.ALL
    entry = station.transitions.filter(kind=StationTransition.Kind.UPGRADE).get()
    assert entry.reason == "条件成熟"
    assert entry.by == world.aid


def test_a_full_station_cannot_be_upgraded(world):
    station = _active(world)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.station_upgrade(station=station, by=world.aid, reason="x")


def test_union_staff_cannot_upgrade(world):
    station = _active(world, audience=Audience.SANITATION)
    with pytest.raises(PermissionDenied):
        lifecycle.station_upgrade(station=station, by=world.user_a, reason="x")


def test_a_plaque_reissue_keeps_the_number(world):
    station = _active(world)
    number = station.plaque_number
    lifecycle.plaque_reissue(station=station, by=world.aid, reason="铭牌损坏")
    station.refresh_from_db()
    assert station.plaque_number == number
    assert station.plaque_issue_count == 2
    assert station.transitions.filter(kind=StationTransition.Kind.PLAQUE_REISSUE).exists()


def test_a_revoked_plaque_cannot_be_reissued(world):
    station = _active(world)
    lifecycle.station_revoke(station=station, by=world.aid, reason="x")
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.plaque_reissue(station=station, by=world.aid, reason="y")


def test_history_is_append_only_and_ordered(world):
    station = _active(world)
    lifecycle.station_rectify_start(station=station, by=world.inspector, reason="a")
    lifecycle.station_rectify_end(station=station, by=world.inspector)
    moves = list(station.transitions.values_list("from_status", "to_status"))
    assert moves == [
        ("submitted", "approved"),
        ("active", "rectifying"),
        ("rectifying", "active"),
    ]


def test_the_allowed_buttons_come_from_the_actions_table(world):
    station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
    assert {a.name for a in station.available_actions(world.aid)} == {"return", "reject", "approve"}
    assert station.available_actions(world.user_a) == []


def test_approval_decides_on_the_current_row_not_a_stale_copy(world):
    stale = StationFactory(filing=world.filing_a)  # the caller's copy still says draft
    lifecycle.station_submit(station=stale, by=world.user_a)
    with pytest.raises(ValidationError):
        station_approve(station=stale, by=world.aid)  # no acceptance on file
    stale.refresh_from_db()
    assert stale.status == StationStatus.SUBMITTED
    assert stale.plaque_number == ""
