"""Registry search finds two-character Chinese terms in every searched field, through the
character-pair index on PostgreSQL (migration stations 0009)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stations.models import Station, StationStatus
from stations.selectors import registry_search
from tests.factories import HostUnitFactory, StationFactory


def _found(client, q) -> set[str]:
    page = client.get(reverse("stations:registry"), {"q": q}).context["page"]
    return {s.name for s in page.object_list}


def test_two_characters_find_names_addresses_heads_and_host_units(client, world):
    active = StationStatus.ACTIVE
    StationFactory(filing=world.filing_a, status=active, name="漕溪路站")
    StationFactory(filing=world.filing_a, status=active, name="甲", address="漕溪北路1号")
    StationFactory(filing=world.filing_a, status=active, name="乙", head_name="漕溪")
    unit = HostUnitFactory(union=world.union_a, name="工商银行漕溪支行")
    StationFactory(filing=world.filing_a, status=active, name="丙", host_unit=unit)
    StationFactory(filing=world.filing_a, status=active, name="溪漕")
    client.force_login(world.aid)

    assert _found(client, "漕溪") == {"漕溪路站", "甲", "乙", "丙"}


def test_pairs_of_the_term_must_be_next_to_each_other(world):
    StationFactory(filing=world.filing_a, name="漕河泾溪口")

    assert not registry_search(Station.objects.all(), "漕溪").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_search_reads_the_pair_index_not_the_table(world):
    qs = registry_search(Station.objects.all(), "漕溪")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()

    assert "station_search_bigrams" in plan


def test_host_units_are_found_by_pairs_kept_apart_and_case(client, world):
    active = StationStatus.ACTIVE
    for name, unit in (
        ("甲", "工商银行漕溪支行"),
        ("乙", "漕河泾溪口网点"),
        ("丙", "Metro徐家汇店"),
    ):
        host = HostUnitFactory(union=world.union_a, name=unit)
        StationFactory(filing=world.filing_a, status=active, name=name, host_unit=host)
    client.force_login(world.aid)

    assert _found(client, "漕溪") == {"甲"}
    assert _found(client, "徐家汇") == {"丙"}
    assert _found(client, "metro") == {"丙"}
    assert _found(client, "溪口网") == {"乙"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
@pytest.mark.parametrize("term", ["漕溪", "徐家汇"])
def test_host_units_are_read_through_their_name_pairs(world, term):
    """At national size the host units' 20,000 names were read for every search (3-10 ms);
    migration stations 0016 gives their names' pairs an index."""
    with CaptureQueriesContext(connection) as ctx:
        registry_search(Station.objects.all(), term)  # looks the host units up at once
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM unions_hostunit "
            "WHERE relay_bigrams(lower(name)) @> relay_bigrams(lower(%s))",
            [term],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    (units,) = [q["sql"] for q in ctx.captured_queries if "unions_hostunit" in q["sql"]]
    assert 'relay_bigrams(lower("unions_hostunit"."name"))' in units
    assert ("LIKE" in units) == (len(term) > 2)  # two characters are one pair: exact
    assert "hostunit_name_bigrams" in plan
