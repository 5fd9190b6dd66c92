"""A registry search reads its page's ids the cheaper way its count shows (issue 13): walking
the registry order for a common term, reading the matches and sorting for a rare one. Both
ways give the same ids in the same order, and the planner settings end with the query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import Station, StationStatus
from stations.selectors import (
    WALK_THE_ORDER,
    planner_held,
    registry_search,
    search_page_ids,
)
from tests.factories import HostUnitFactory, StationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner settings are PostgreSQL's"
)


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("matches", [1, 10**6], ids=["sort the matches", "walk the order"])
def test_both_ways_give_the_same_page(world, matches):
    for n in range(30):
        name = f"漕溪{n}站" if n % 3 else f"徐汇{n}站"
        StationFactory(filing=world.filing_a, name=name, plaque_seq=1000 - n)
    ids = registry_search(Station.objects.all(), "漕溪").order_by("plaque_seq", "id")
    ids = ids.values_list("pk", flat=True)
    expected = list(ids[5:15])

    with CaptureQueriesContext(connection) as ctx:
        found = search_page_ids(ids[5:15], matches, 15)

    assert found == expected
    held = " ".join(q["sql"] for q in ctx.captured_queries if "SET LOCAL" in q["sql"])
    assert ("enable_bitmapscan" in held) == (matches > 1)
    # The test's own transaction goes on: the settings do not outlive the page's query.
    assert _setting("enable_bitmapscan") == "on"
    assert _setting("enable_indexscan") == "on"
    assert _setting("max_parallel_workers_per_gather") != "0"
    assert _setting("enable_sort") == "on"


def test_walking_the_order_stops_at_the_page_even_when_the_planner_expects_one_match(world):
    """漕溪北路's three pairs made the planner expect one match of 200,000 (6,803 at national
    size): it read the whole table through the plaque's own index and sorted (350 ms). Held
    to the walk, the registry order's index is read in order, no sort, until the page fills."""
    for n in range(30):
        StationFactory(filing=world.filing_a, name=f"漕溪北路{n}号", plaque_seq=1000 - n)
    ids = registry_search(Station.objects.all(), "漕溪北路").order_by("plaque_seq", "id")
    sql, params = ids.values_list("pk", flat=True)[:10].query.sql_with_params()

    with planner_held(WALK_THE_ORDER) as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "station_registry_order" in plan, plan
    assert "Sort" not in plan, plan


def test_the_registry_page_is_the_same_as_the_plain_query(client, world):
    for n in range(60):
        StationFactory(filing=world.filing_a, status=StationStatus.ACTIVE, name=f"漕溪{n}站")
    client.force_login(world.aid)
    plain = registry_search(Station.objects.all(), "漕溪").order_by("plaque_seq", "id")

    first = client.get(reverse("stations:registry"), {"q": "漕溪"}).context["page"]
    page = client.get(reverse("stations:registry"), {"q": "漕溪", "after": first.next_key}).context[
        "page"
    ]

    assert [s.pk for s in page.object_list] == list(plain.values_list("pk", flat=True)[50:100])


def test_a_latin_term_still_ignores_case(world):
    StationFactory(filing=world.filing_a, name="Metro站", plaque_number="SHXH0001")

    found = registry_search(Station.objects.all(), "metro").values_list("name", flat=True)

    assert list(found) == ["Metro站"]
    assert registry_search(Station.objects.all(), "shxh").count() == 1


def test_host_units_of_a_common_word_are_found_by_the_station_query(world, monkeypatch):
    import stations.selectors

    monkeypatch.setattr(stations.selectors, "MANY_UNITS", 1)
    units = [HostUnitFactory(union=world.union_a, name=f"漕溪{n}支行") for n in range(3)]
    for unit in units:
        StationFactory(filing=world.filing_a, name="甲", host_unit=unit)
    StationFactory(filing=world.filing_a, name="乙")

    found = registry_search(Station.objects.all(), "漕溪")

    assert "ARRAY(SELECT" in str(found.query)
    assert set(found.values_list("host_unit", flat=True)) == {u.pk for u in units}
