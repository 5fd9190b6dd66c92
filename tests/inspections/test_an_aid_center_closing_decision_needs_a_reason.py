"""Besides an independent re-inspection, only the aid center's recorded decision closes an
order, and the decision says why (issue 21: only the supervision team decides)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from history.models import RecordChange
from inspections.models import RectificationStatus
from inspections.orders.services.rectification import rectification_decide, rectification_open
from stations.models import StationStatus

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_a_decision_without_a_reason_is_refused_and_changes_nothing(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.inspector, items=["铭牌缺失"])
    with pytest.raises(ValidationError):
        rectification_decide(order=order, by=world.aid, decision="   ")
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN and order.decision == ""


def test_the_aid_centers_decision_closes_the_order_with_its_reason_on_record(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.inspector, items=["铭牌缺失"])
    rectification_decide(order=order, by=world.aid, decision="创设单位已提交新铭牌悬挂照片")
    order.refresh_from_db()
    station.refresh_from_db()
    assert order.status == RectificationStatus.CLOSED
    assert order.decision == "创设单位已提交新铭牌悬挂照片"
    assert order.closed_by == world.aid and order.reinspection is None
    assert station.status == StationStatus.ACTIVE
    row = RecordChange.objects.get(record="rectification", record_id=order.pk, action="closed")
    assert row.reason == "创设单位已提交新铭牌悬挂照片" and row.by == world.aid


@pytest.mark.parametrize("who", ["inspector", "user_a", "admin"])
def test_nobody_but_the_aid_center_decides(world, who):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.aid, items=["a"])
    with pytest.raises(PermissionDenied):
        rectification_decide(order=order, by=getattr(world, who), decision="理由")


def test_the_aid_center_decides_from_the_order_page(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.inspector, items=["a"])
    client = Client()
    client.force_login(world.aid)
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert 'data-action="decide"' in page
    client.post(f"/staff/inspections/orders/{order.pk}/action/", {"action": "decide"})
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
    client.post(
        f"/staff/inspections/orders/{order.pk}/action/",
        {"action": "decide", "reason": "误开，站点当日正常开放"},
    )
    order.refresh_from_db()
    assert order.status == RectificationStatus.CLOSED
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert 'data-testid="order-decision"' in page and "误开" in page
    inspector = Client()
    inspector.force_login(world.inspector)
    other = rectification_open(station=station, by=world.inspector, items=["b"])
    assert (
        'data-action="decide"'
        not in inspector.get(f"/staff/inspections/orders/{other.pk}/").content.decode()
    )
