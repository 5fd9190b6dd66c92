import pytest
from django.test import Client

from inspections.models import RectificationStatus
from inspections.orders.services.rectification import (
    ORDER_ACTIONS,
    rectification_escalate,
    rectification_open,
)

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_a_failed_reinspection_escalates_and_the_aid_center_is_sent_to_the_station_page(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.aid, items=["a"])
    failed = inspection(station, world.inspector, red_line=True, days=0)
    failed.visited_at = order.opened_at
    failed.save()
    rectification_escalate(
        order=order, by=world.inspector, reason="复查未通过", reinspection=failed
    )
    order.refresh_from_db()
    assert order.status == RectificationStatus.ESCALATED
    assert not ORDER_ACTIONS["escalate"].allows(order, "aid_center")
    client = Client()
    client.force_login(world.aid)
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert 'data-testid="revoke-link"' in page
    assert f"/staff/stations/{station.pk}/" in page
