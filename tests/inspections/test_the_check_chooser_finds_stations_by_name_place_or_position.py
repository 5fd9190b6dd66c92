"""stations.json, the check form's chooser: a page of the stations the user may check, found
by name, address or plaque number, or nearest to the phone; at most twenty, whatever the
scope, each with the kinds of check the user may log there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspections.checks.selectors import CANDIDATES
from inspections.models import PeerReviewPairing
from inspections.permissions import quarter_of
from stations.models import StationStatus

from .factories_checks import station

pytestmark = pytest.mark.django_db
URL = reverse("inspections:check_stations")


def _ask(client, user, **params) -> list[dict]:
    client.force_login(user)
    return client.get(URL, params).json()["stations"]


def _named(union, name, **kwargs):
    made = station(union, **kwargs)
    made.name = name
    made.save(update_fields=["name"])
    return made


def test_a_search_finds_stations_by_name_address_or_plaque_number(client, world):
    by_name = _named(world.union_a, "外滩观光隧道爱心接力站")
    by_address = station(world.union_a)
    by_address.address = "中山东一路外滩18号"
    by_address.save(update_fields=["address"])
    other = station(world.union_a)
    assert {s["id"] for s in _ask(client, world.inspector, q="外滩")} == {
        by_name.pk,
        by_address.pk,
    }
    assert [s["id"] for s in _ask(client, world.inspector, q=other.plaque_number)] == [other.pk]


def test_near_gives_the_nearest_first_with_their_distances(client, world):
    # 0.0009° of latitude is 100 m (6,371.0088 km × 0.0009 × π/180 = 0.10007 km).
    far = station(world.union_a, lat="31.275400", lng="121.473700")  # 0.045°: 5,004 m
    near = station(world.union_a, lat="31.231300", lng="121.473700")  # 0.0009°: 100 m
    middle = station(world.union_a, lat="31.239400", lng="121.473700")  # 0.009°: 1,001 m
    found = _ask(client, world.inspector, near="31.230400,121.473700")
    assert [(s["id"], s["distance_m"]) for s in found] == [
        (near.pk, 100),
        (middle.pk, 1001),
        (far.pk, 5004),
    ]


def test_a_page_is_at_most_twenty_however_many_match(client, world):
    for _ in range(CANDIDATES + 5):
        station(world.union_a)
    assert CANDIDATES == 20
    assert len(_ask(client, world.inspector, q="爱心接力站")) == 20
    assert len(_ask(client, world.inspector, near="31.230400,121.473700")) == 20


def test_an_inspector_of_another_district_finds_none_of_union_as_stations(client, world):
    station(world.union_a)
    assert _ask(client, world.inspector_other, q="爱心接力站") == []
    assert _ask(client, world.inspector_other, near="31.230400,121.473700") == []


def test_drafts_and_stations_without_a_plaque_are_not_offered(client, world):
    station(world.union_a, status=StationStatus.SUBMITTED)
    approved = station(world.union_a, status=StationStatus.APPROVED)
    assert [s["id"] for s in _ask(client, world.inspector, q="爱心接力站")] == [approved.pk]


def test_each_candidate_carries_the_kinds_its_user_may_log_there(client, world):
    from django.utils import timezone

    own = station(world.union_a)
    reviewed = station(world.union_b)
    year, quarter = quarter_of(timezone.localdate())
    PeerReviewPairing.objects.create(
        year=year, quarter=quarter, reviewer=world.union_a, union=world.union_b,
        created_by=world.aid,
    )  # fmt: skip
    found = {s["id"]: s["kinds"] for s in _ask(client, world.user_a, q="爱心接力站")}
    assert found[own.pk] == ["self_check"]
    assert found[reviewed.pk] == ["peer_review"]
    inspector = {s["id"]: s["kinds"] for s in _ask(client, world.inspector, q="爱心接力站")}
    assert inspector[own.pk] == ["flying", "undercover", "acceptance"]


def test_without_a_question_there_is_no_page(client, world):
    station(world.union_a)
    assert _ask(client, world.inspector) == []
