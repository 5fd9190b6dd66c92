import pytest
from django.test import Client

from inspections.models import RectificationStatus
from inspections.orders.services.rectification import rectification_open

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_union_b_gets_404_answering_union_a_order_and_it_stays_open(world):
    order = rectification_open(
        station=operating_station(world.union_a), by=world.aid, items=["牌匾缺失"]
    )
    client = Client()
    client.force_login(world.user_b)
    response = client.post(f"/staff/inspections/orders/{order.pk}/answer/", {"note": "已整改"})
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
