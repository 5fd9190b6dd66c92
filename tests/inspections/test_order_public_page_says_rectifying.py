import pytest
from django.test import Client
from django.urls import reverse

from inspections.orders.services.rectification import rectification_open

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def test_the_public_page_says_rectifying_while_an_order_is_open(world):
    station = operating_station(world.union_a)
    rectification_open(station=station, by=world.aid, items=["牌匾缺失"])
    page = Client().get(reverse("stations:public_detail", args=[station.plaque_number]))
    assert 'data-stage="rectifying"' in page.content.decode()
    assert "整改中" in page.content.decode()
