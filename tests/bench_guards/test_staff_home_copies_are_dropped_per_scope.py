"""A change redraws the staff homes that show it and no other (issue 22, item 3: every check
logged anywhere redrew every home in the city).

A home's kept copy is found under ``cache_key(user)``; a new key is a redraw. A check at a
黄浦 station must reach the aid center, the city-wide inspector, 黄浦's clerk and 黄浦's
district inspector, and leave 徐汇's clerk and 浦东's inspector with their copies.
"""

from __future__ import annotations

import pytest

from config.dashboards import cache_key
from inspections.checks.services.inspection import inspection_record
from tests.factories import OperatingStationFactory
from tests.inspections.factories_checks import record_kwargs

pytestmark = pytest.mark.django_db

REACHED = ("aid", "inspector", "user_a", "inspector_own")
LEFT = ("user_b", "inspector_other")


def _keys(world) -> dict[str, str]:
    return {who: cache_key(getattr(world, who)) for who in (*REACHED, *LEFT)}


def test_a_check_redraws_the_homes_of_its_union_its_district_and_the_city_only(world):
    station = OperatingStationFactory(
        filing=world.filing_a, union=world.union_a, district=world.union_a.district
    )
    before = _keys(world)
    assert all(before.values())

    inspection_record(**record_kwargs(station, world.inspector))

    after = _keys(world)
    assert [who for who in REACHED if after[who] == before[who]] == []
    assert [who for who in LEFT if after[who] != before[who]] == []


def test_a_plan_drawn_redraws_every_home(world):
    from inspections.orders.services.plans import plan_draw

    before = _keys(world)
    plan_draw(year=2026, quarter=4, by=world.aid)
    after = _keys(world)
    assert [who for who in before if after[who] == before[who]] == []
