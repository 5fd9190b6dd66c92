"""Opening an order by hand offers the station its page's link names, or a page of a
search's matches, never every operating station in scope (issue 26: 13.8 MB of <select> for
the aid center at national size); any station of the scope may still be posted."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspections.models import Rectification

from .factories_checks import station

pytestmark = pytest.mark.django_db
URL = reverse("inspections:order_open")


def _options(page: str) -> list[str]:
    return re.findall(r'<option value="(\d+)"', page)


def test_the_form_alone_offers_no_station(client, world):
    for _ in range(4):
        station(world.union_a)
    client.force_login(world.aid)
    assert _options(client.get(URL).content.decode()) == []


def test_the_station_a_link_names_is_offered_and_chosen(client, world):
    at = station(world.union_a)
    station(world.union_a)
    client.force_login(world.aid)
    page = client.get(URL, {"station": at.pk}).content.decode()
    assert _options(page) == [str(at.pk)]
    assert re.search(rf'<option value="{at.pk}" selected>', page)


def test_a_search_offers_its_matches(client, world):
    found = station(world.union_a)
    found.name = "外滩观光隧道爱心接力站"
    found.save(update_fields=["name"])
    station(world.union_a)
    client.force_login(world.aid)
    assert _options(client.get(URL, {"q": "观光隧道"}).content.decode()) == [str(found.pk)]


def test_any_operating_station_in_scope_may_be_posted(client, world):
    at = station(world.union_a)
    client.force_login(world.aid)
    response = client.post(URL, {"station": at.pk, "items": "饮水设施缺失"})
    assert response.status_code == 302
    assert Rectification.objects.get().station == at
