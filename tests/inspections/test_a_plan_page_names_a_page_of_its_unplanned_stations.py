"""A plan's page counts the visits per inspector in the database and names the first of the
operating stations left out of it, with how many there are (issue 26: the list of every one
was 15.7 MB when a national plan left most of the registry out)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inspections.models import InspectionPlan, PlanVisit
from inspections.orders.services import plans

from .factories_checks import station

pytestmark = pytest.mark.django_db


def test_the_page_names_the_first_unplanned_stations_and_counts_them_all(
    client, world, monkeypatch
):
    monkeypatch.setattr(plans, "UNPLANNED_SHOWN", 2)
    made = [station(world.union_a) for _ in range(5)]
    plan = InspectionPlan.objects.create(year=2026, quarter=4, seed="t")
    PlanVisit.objects.create(
        plan=plan, station=made[0], union=made[0].union, district=made[0].district,
        inspector=world.inspector,
    )  # fmt: skip
    client.force_login(world.aid)
    response = client.get(reverse("inspections:plan_detail", args=[plan.pk]))
    assert len(response.context["unplanned"]) == 2
    # Four of the five are unplanned; the world's own station is a draft, not operating.
    assert response.context["unplanned_count"] == 4
    assert "共 4 个" in response.content.decode()
    assert list(response.context["per_inspector"]) == [("inspector", 1)]


def test_the_kept_summary_follows_a_station_that_stops_operating(client, world):
    """The summary is kept per user (views/plans.py): a station revoked after the
    first visit leaves the unplanned at once: the key holds the stations' list version, which
    the revocation's announcement replaces."""
    from stations.services.lifecycle import station_revoke

    made = [station(world.union_a) for _ in range(3)]
    plan = InspectionPlan.objects.create(year=2026, quarter=4, seed="t")
    client.force_login(world.aid)
    url = reverse("inspections:plan_detail", args=[plan.pk])
    assert client.get(url).context["unplanned_count"] == 3
    assert client.get(url).context["unplanned_count"] == 3  # the kept copy
    station_revoke(station=made[0], by=world.aid, reason="多次检查不合格")
    assert client.get(url).context["unplanned_count"] == 2
