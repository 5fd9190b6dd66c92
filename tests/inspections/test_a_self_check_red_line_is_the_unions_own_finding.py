"""A union's own self-check is its own evaluation (五、(三); 附件2 第6条: 发现问题及时指导
整改): its red line is a finding for the union to follow up, not an order and not a move of the
station (it was a `system` move that opened one before issue 21)."""

import pytest

from inspections.checks.findings import open_findings
from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection, Rectification
from stations.models import StationStatus, StationTransition

from .factories_checks import all_met, record_kwargs, station

pytestmark = pytest.mark.django_db


def test_a_red_line_self_check_opens_no_order_and_is_listed_as_a_finding(world):
    at = station(world.union_a)
    check, _ = inspection_record(
        **record_kwargs(
            at, world.user_a, kind="self_check", findings=all_met(failing=("open_hours",))
        )
    )
    assert check.red_line
    assert not Rectification.objects.exists()
    at.refresh_from_db()
    assert at.status == StationStatus.ACTIVE
    assert not StationTransition.objects.filter(station=at).exists()
    assert list(open_findings(Inspection.objects.visible_to(world.user_a))) == [check]
    assert list(open_findings(Inspection.objects.visible_to(world.aid))) == [check]
    assert not open_findings(Inspection.objects.visible_to(world.user_b)).exists()
