import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from history.models import RecordChange
from inspections.models import Rectification, RectificationStatus
from inspections.orders.services.rectification import rectification_close, rectification_open
from stations.models import StationStatus

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def _recheck(station, by):
    check = inspection(station, by, days=0)
    check.visited_at = timezone.now() + dt.timedelta(minutes=1)
    check.save()
    return check


def test_the_station_stays_rectifying_until_its_last_order_closes(world):
    station = operating_station(world.union_a)
    first = rectification_open(station=station, by=world.aid, items=["a"])
    second = rectification_open(station=station, by=world.aid, items=["b"])
    recheck = _recheck(station, world.inspector_own)
    rectification_close(order=first, by=world.inspector_own, reinspection=recheck)
    station.refresh_from_db()
    assert station.status == StationStatus.RECTIFYING
    rectification_close(order=second, by=world.inspector_own, reinspection=recheck)
    station.refresh_from_db()
    assert station.status == StationStatus.ACTIVE
    assert RecordChange.objects.filter(record="rectification", action="closed").count() == 2


def test_an_inspector_closes_an_order_from_its_page(world):
    station = operating_station(world.union_a)
    order = rectification_open(station=station, by=world.aid, items=["a"])
    recheck = _recheck(station, world.inspector_own)
    client = Client()
    client.force_login(world.inspector_own)
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert 'data-action="close"' in page
    client.post(
        f"/staff/inspections/orders/{order.pk}/action/",
        {"action": "close", "reinspection": recheck.pk},
    )
    assert Rectification.objects.get(pk=order.pk).status == RectificationStatus.CLOSED
