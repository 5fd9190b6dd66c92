"""Registry search finds two-character Chinese terms in every searched field, through the
character-pair index on PostgreSQL (migration stations 0009)."""

from __future__ import annotations

import pytest
from django.db import connection
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
