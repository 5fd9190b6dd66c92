"""The check form chooses its station as an inspector on a phone does (issue 26): the
quarter's plan, the station a link names, the ones checked lately, and a page of candidates
a search finds; never every station in scope (56 MB of <select> for a city inspector at
national size)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import InspectionPlan, PlanVisit
from inspections.permissions import quarter_of

from .factories_checks import station

pytestmark = pytest.mark.django_db


def _options(page: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"', page)


def _plan(world, *stations):
    year, quarter = quarter_of(timezone.localdate())
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, seed="t")
    for at in stations:
        PlanVisit.objects.create(
            plan=plan, station=at, union=at.union, district=at.district, inspector=world.inspector
        )


def test_the_form_offers_the_plan_and_not_the_scope(client, world):
    planned = [station(world.union_a) for _ in range(2)]
    for _ in range(6):
        station(world.union_a)
    _plan(world, *planned)
    client.force_login(world.inspector)
    page = client.get(reverse("inspections:check_new")).content.decode()
    assert sorted(_options(page)) == sorted(str(s.pk) for s in planned)


def test_the_form_weighs_the_same_with_four_times_the_stations(client, world):
    client.force_login(world.inspector)
    _plan(world, station(world.union_a))
    for _ in range(3):
        station(world.union_a)
    few = len(_options(client.get(reverse("inspections:check_new")).content.decode()))
    for _ in range(12):
        station(world.union_a)
    many = len(_options(client.get(reverse("inspections:check_new")).content.decode()))
    assert few == many == 1


def test_the_station_a_link_names_is_offered_and_chosen(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    page = client.get(reverse("inspections:check_new"), {"station": at.pk}).content.decode()
    assert _options(page) == [str(at.pk)]
    assert re.search(rf'<option value="{at.pk}"[^>]* selected>', page)


def test_the_stations_checked_lately_are_offered(client, world):
    from inspections.checks.services.inspection import inspection_record

    from .factories_checks import record_kwargs

    checked = station(world.union_a)
    station(world.union_a)
    inspection_record(**record_kwargs(checked, world.inspector))
    client.force_login(world.inspector)
    page = client.get(reverse("inspections:check_new")).content.decode()
    assert _options(page) == [str(checked.pk)]


def test_without_javascript_a_search_comes_back_with_its_candidates(client, world):
    found = station(world.union_a)
    found.name = "外滩观光隧道爱心接力站"
    found.save(update_fields=["name"])
    station(world.union_a)
    client.force_login(world.inspector)
    page = client.get(reverse("inspections:check_new"), {"q": "观光隧道"}).content.decode()
    assert _options(page) == [str(found.pk)]


def test_a_search_that_finds_nothing_says_so(client, world):
    station(world.union_a)
    client.force_login(world.inspector)
    page = client.get(reverse("inspections:check_new"), {"q": "没有这个站"}).content.decode()
    assert _options(page) == []
    assert "未找到站点" in page


def test_the_days_data_holds_the_plan_not_the_scope(client, world):
    planned = station(world.union_a)
    for _ in range(5):
        station(world.union_a)
    _plan(world, planned)
    client.force_login(world.inspector)
    day = client.get(reverse("inspections:check_day")).json()
    assert [s["id"] for s in day["stations"]] == [planned.pk]
    assert day["stations"][0]["planned"] is True


def test_the_form_and_the_today_page_list_the_days_share_of_a_long_plan(client, world, monkeypatch):
    from inspections.checks import selectors as check_selectors
    from inspections.checks.views import today

    monkeypatch.setattr(check_selectors, "DAY_PLAN", 2)
    monkeypatch.setattr(today, "DAY_PLAN", 2)
    planned = [station(world.union_a) for _ in range(5)]
    _plan(world, *planned)
    client.force_login(world.inspector)
    form = client.get(reverse("inspections:check_new")).content.decode()
    # The plan is listed by plaque number: the first two.
    assert _options(form) == [str(s.pk) for s in planned[:2]]
    page = client.get(reverse("inspections:today")).content.decode()
    assert page.count('data-testid="today-visit"') == 2
    assert "本季度还有 3 个计划站点" in page
    day = client.get(reverse("inspections:check_day")).json()
    assert [p["station"] for p in day["planned"]] == [s.pk for s in planned[:2]]
    assert [s["id"] for s in day["stations"]] == [s.pk for s in planned[:2]]
