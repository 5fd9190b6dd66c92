import pytest
from django.test import Client

from inspections.models import RectificationStatus
from inspections.orders.services.rectification import rectification_open

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def test_an_inspector_of_another_district_neither_sees_nor_closes_the_order(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.inspector_own, items=["牌匾缺失"])
    recheck = inspection(station, world.inspector_own, days=0)
    client = Client()
    client.force_login(world.inspector_other)
    assert client.get(f"/staff/inspections/orders/{order.pk}/").status_code == 404
    response = client.post(
        f"/staff/inspections/orders/{order.pk}/action/",
        {"action": "close", "reinspection": recheck.pk},
    )
    assert response.status_code == 404
    assert "牌匾缺失" not in client.get("/staff/inspections/orders/").content.decode()
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
