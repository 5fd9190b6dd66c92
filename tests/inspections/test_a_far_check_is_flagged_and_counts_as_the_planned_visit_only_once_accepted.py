"""A check sent from farther than CHECK_DISTANCE_LIMIT_M (500 m) from its station is flagged
to the aid center (its home card, the check list's filter) and does not count as the
station's planned visit until the aid center accepts the position with a reason, recorded
in the history. Issue 27: a check sent from 1,074 km away had counted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from inspections.checks.selectors import open_planned_visits
from inspections.checks.services.inspection import inspection_record
from inspections.checks.services.position import inspection_position_accept, position_review_of
from inspections.models import InspectionPlan, PlanVisit, PositionReview
from inspections.permissions import quarter_of

from .factories_checks import record_kwargs, station

pytestmark = pytest.mark.django_db

BEIJING = ("39.904200", "116.407400")  # 1,067 km from People's Square
NEARBY = ("31.232000", "121.473700")  # 178 m north of it


def _planned(world, at) -> PlanVisit:
    year, quarter = quarter_of(timezone.localdate())
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, seed="t")
    return PlanVisit.objects.create(
        plan=plan, station=at, union=at.union, district=at.district, inspector=world.inspector
    )


def _check_from(world, at, where, visit):
    check, _ = inspection_record(
        **record_kwargs(
            at, world.inspector, latitude=where[0], longitude=where[1], plan_visit=visit
        )
    )
    return check


def test_the_limit_is_the_setting_to_the_metre(settings):
    assert settings.CHECK_DISTANCE_LIMIT_M == 500
    assert position_review_of(500) == PositionReview.NEAR
    assert position_review_of(501) == PositionReview.FAR
    assert position_review_of(None) == PositionReview.NEAR  # no position: said on the page


def test_a_check_from_beijing_is_flagged_and_the_visit_stays_open(world):
    at = station(world.union_a)
    visit = _planned(world, at)

    check = _check_from(world, at, BEIJING, visit)

    assert check.distance_m > 1_000_000 and check.position_review == PositionReview.FAR
    assert check.plan_visit == visit  # which visit it was meant for is kept
    assert list(open_planned_visits(world.inspector)) == [visit]


def test_a_check_near_the_station_makes_the_visit(world):
    at = station(world.union_a)
    visit = _planned(world, at)

    check = _check_from(world, at, NEARBY, visit)

    assert check.distance_m == 178 and check.position_review == PositionReview.NEAR
    assert list(open_planned_visits(world.inspector)) == []


def test_the_aid_center_sees_it_on_its_home_and_in_the_check_list(client, world):
    at = station(world.union_a)
    far = _check_from(world, at, BEIJING, _planned(world, at))
    _check_from(world, station(world.union_a), NEARBY, None)
    client.force_login(world.aid)

    home = client.get("/staff/").content.decode()
    listed = client.get(reverse("inspections:check_list"), {"far": "1"})

    assert "远离站点的检查" in home and "/staff/inspections/checks/?far=1" in home
    assert [c.pk for c in listed.context["page"]] == [far.pk]
    assert 'data-testid="far-check"' in listed.content.decode()


def test_accepting_takes_a_reason_counts_the_visit_and_is_recorded(client, world):
    at = station(world.union_a)
    check = _check_from(world, at, BEIJING, _planned(world, at))
    url = reverse("inspections:check_position_accept", args=[check.pk])
    client.force_login(world.aid)

    page = client.get(reverse("inspections:check_detail", args=[check.pk])).content.decode()
    assert 'data-testid="far-alert"' in page and 'data-testid="accept-position"' in page
    client.post(url, {"reason": ""})
    check.refresh_from_db()
    assert check.position_review == PositionReview.FAR  # no reason, no acceptance

    client.post(url, {"reason": "站点已搬迁，系统坐标未更新，现场核实无误"})

    check.refresh_from_db()
    assert check.position_review == PositionReview.ACCEPTED
    assert list(open_planned_visits(world.inspector)) == []
    row = RecordChange.objects.get(record_id=check.pk, action=RecordChange.Action.POSITION_ACCEPTED)
    assert row.by == world.aid and row.reason == "站点已搬迁，系统坐标未更新，现场核实无误"
    assert row.station == at


def test_only_the_aid_center_accepts_and_only_a_far_check(client, world):
    at = station(world.union_a)
    far = _check_from(world, at, BEIJING, _planned(world, at))
    near = _check_from(world, station(world.union_a), NEARBY, None)

    for user in (world.inspector, world.admin):
        with pytest.raises(PermissionDenied):
            inspection_position_accept(inspection=far, by=user, reason="我在现场")
    with pytest.raises(ValidationError):
        inspection_position_accept(inspection=near, by=world.aid, reason="无")
    client.force_login(world.inspector)
    assert (
        client.post(
            reverse("inspections:check_position_accept", args=[far.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    far.refresh_from_db()
    assert far.position_review == PositionReview.FAR


def test_union_staff_are_told_it_is_reviewed_but_not_of_any_plan(client, world):
    at = station(world.union_a)
    check = _check_from(world, at, BEIJING, _planned(world, at))
    client.force_login(world.user_a)

    page = client.get(reverse("inspections:check_detail", args=[check.pk])).content.decode()

    assert 'data-testid="far-alert"' in page and "计划" not in page
    assert 'data-testid="accept-position"' not in page
