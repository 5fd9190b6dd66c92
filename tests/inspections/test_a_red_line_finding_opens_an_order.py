from decimal import Decimal

import pytest

from inspections.checks.services.inspection import inspection_record
from inspections.models import Rectification
from stations.models import StationStatus

from .factories_checks import all_met, record_kwargs, station

pytestmark = pytest.mark.django_db


def test_a_missing_plaque_opens_an_order_and_the_station_rectifies(world):
    at = station(world.union_a)
    check, _ = inspection_record(
        **record_kwargs(at, world.inspector, findings=all_met(failing=("plaque_posted",)))
    )
    assert check.red_line and check.score == Decimal("94.00")
    order = Rectification.objects.get(inspection=check)
    assert [i.text for i in order.items.all()] == ["铭牌在室外醒目位置悬挂"]
    at.refresh_from_db()
    assert at.status == StationStatus.RECTIFYING


def test_a_check_without_a_red_line_opens_no_order(world):
    at = station(world.union_a)
    check, _ = inspection_record(
        **record_kwargs(at, world.inspector, findings=all_met(failing=("wifi",)))
    )
    assert check.score == Decimal("99.00") and not check.red_line
    assert not Rectification.objects.exists()


def test_the_distance_from_the_station_is_computed(world):
    at = station(world.union_a, lat="31.230400", lng="121.473700")
    check, _ = inspection_record(
        **record_kwargs(at, world.inspector, latitude="31.231300", longitude="121.473700")
    )
    assert 95 <= check.distance_m <= 105
