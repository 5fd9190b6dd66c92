import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from history.models import RecordChange
from inspections.models import InspectionKind, Rectification
from inspections.orders.services.rectification import rectification_open
from stations.models import StationStatus, StationTransition

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_an_order_opened_by_hand_makes_an_active_station_rectifying(world, settings):
    settings.RECTIFICATION_DAYS = 15
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.inspector_own, items=["牌匾缺失"])
    station.refresh_from_db()
    assert station.status == StationStatus.RECTIFYING
    assert order.deadline == timezone.localdate() + dt.timedelta(days=15)
    assert [i.text for i in order.items.all()] == ["牌匾缺失"]
    assert RecordChange.objects.filter(
        record="rectification", record_id=order.pk, action="created"
    ).exists()
    assert StationTransition.objects.filter(station=station, by=world.inspector_own).exists()


def test_a_station_already_rectifying_just_gets_another_order(world):
    station = operating_station(world.union_a)
    rectification_open(station=station, by=world.aid, items=["a"])
    rectification_open(station=station, by=world.aid, items=["b"])
    assert Rectification.objects.filter(station=station).count() == 2
    assert StationTransition.objects.filter(station=station, to_status="rectifying").count() == 1


def test_a_red_line_self_check_cannot_open_an_order_nor_move_the_station(world):
    # Issue 21: the union's own self-check is its own evaluation; its red line is a finding
    # for the union, not an order, and the station stays as it is.
    station = operating_station(world.union_a)
    check = inspection(station, world.user_a, kind=InspectionKind.SELF_CHECK, red_line=True)
    with pytest.raises(PermissionDenied):
        rectification_open(
            station=station, by=world.user_a, items=["营业时间未开放"], inspection=check
        )
    with pytest.raises(ValidationError):
        rectification_open(station=station, by=world.aid, items=["x"], inspection=check)
    station.refresh_from_db()
    assert station.status == StationStatus.ACTIVE
    assert not Rectification.objects.exists()
    assert not StationTransition.objects.filter(station=station).exists()


def test_an_inspectors_red_line_check_opens_the_order_as_the_inspectors_move(world):
    station = operating_station(world.union_a)
    check = inspection(station, world.inspector, red_line=True)
    order = rectification_open(
        station=station, by=world.inspector, items=["营业时间未开放"], inspection=check
    )
    assert order.inspection == check and order.opened_by == world.inspector
    move = StationTransition.objects.get(station=station, to_status="rectifying")
    assert move.by == world.inspector


def test_union_staff_cannot_open_an_order_by_hand(world):
    station = operating_station(world.union_a)
    with pytest.raises(PermissionDenied):
        rectification_open(station=station, by=world.user_a, items=["x"])


def test_an_inspector_of_another_district_cannot_open_an_order(world):
    station = operating_station(world.union_a)
    with pytest.raises(PermissionDenied):
        rectification_open(station=station, by=world.inspector_other, items=["x"])
