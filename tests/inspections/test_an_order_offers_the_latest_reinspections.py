"""An order's page offers the latest independent checks since it opened as the
re-inspection, at most REINSPECTIONS_OFFERED of them, and says so when there were more: an
order open for long at a busy station drew every check since, three buttons' worth."""

import datetime as dt
import re

import pytest
from django.test import Client

from inspections.checks.services.inspection import inspection_record
from inspections.orders.views.orders import REINSPECTIONS_OFFERED

from .factories_checks import all_met, record_kwargs, station
from .factories_orders import inspection

pytestmark = pytest.mark.django_db


def _order_with_checks_after_it(world, count):
    at = station(world.union_a)
    check, _ = inspection_record(
        **record_kwargs(at, world.inspector, findings=all_met(failing=("plaque_posted",)))
    )
    order = check.rectifications.get()
    later = []
    for minutes in range(1, count + 1):
        made = inspection(at, world.inspector, score="90")
        made.visited_at = order.opened_at + dt.timedelta(minutes=minutes)
        made.save(update_fields=["visited_at"])
        later.append(made)
    return order, later


def _offered(world, order) -> tuple[list[int], str]:
    client = Client()
    client.force_login(world.aid)
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    select = page[page.index('name="reinspection"') :]
    select = select[: select.index("</select>")]
    return [int(v) for v in re.findall(r'<option value="(\d+)"', select)], page


def test_more_than_the_limit_offers_the_latest_and_says_so(world):
    order, later = _order_with_checks_after_it(world, REINSPECTIONS_OFFERED + 2)
    offered, page = _offered(world, order)
    newest_first = [c.pk for c in reversed(later)]
    assert offered == newest_first[:REINSPECTIONS_OFFERED]
    assert later[0].pk not in offered  # the oldest two are not drawn
    assert f"只列出下达整改以来最近 {REINSPECTIONS_OFFERED} 次独立检查。" in page


def test_within_the_limit_every_check_is_offered_and_nothing_is_said(world):
    order, later = _order_with_checks_after_it(world, 3)
    offered, page = _offered(world, order)
    assert offered == [c.pk for c in reversed(later)]
    assert "只列出下达整改以来" not in page
