"""An inspector on a phone chooses the station to check as issue 26 asks: the nearest come
as soon as the phone has its position, a search asks the server for a page of candidates,
and without signal the same search runs over the stations the phone has already seen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.inspections.factories_checks import station

pytestmark = pytest.mark.e2e

# People's Square; the stations are 100 m, 1 km and 5 km north of it.
HERE = {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 15}


@pytest.fixture
def phone(own_profile):
    context = own_profile(
        viewport={"width": 390, "height": 844}, geolocation=HERE, permissions=["geolocation"]
    )
    tab = context.pages[0] if context.pages else context.new_page()
    yield context, tab


def _named(union, name, lat):
    made = station(union, lat=lat, lng="121.473700")
    made.name = name
    made.save(update_fields=["name"])
    return made


def test_the_nearest_come_first_and_a_search_works_with_and_without_signal(phone, login, world):
    context, page = phone
    near = _named(world.union_a, "人民广场地铁站爱心接力站", "31.231300")
    _named(world.union_a, "南京东路步行街爱心接力站", "31.239400")
    far = _named(world.union_a, "四川北路邮局爱心接力站", "31.275400")
    login(page, world.inspector)
    page.goto("/staff/inspections/checks/new/?kind=flying")

    nearby = page.locator('#station-select optgroup[data-group="near"] option')
    expect(nearby).to_have_count(3)
    expect(nearby.first).to_have_attribute("value", str(near.pk))
    expect(nearby.last).to_have_attribute("value", str(far.pk))

    page.fill("[data-station-search]", "四川北路")
    found = page.locator('#station-select optgroup[data-group="found"] option')
    expect(found).to_have_count(1)
    expect(found.first).to_have_attribute("value", str(far.pk))
    page.select_option("#station-select", str(far.pk))
    expect(page.locator('[data-testid="distance"]')).to_contain_text("米")

    # No signal: the search asks the stations this phone was shown.
    context.set_offline(True)
    page.fill("[data-station-search]", "人民广场")
    expect(page.locator('[data-testid="station-note"]')).to_contain_text("无网络")
    expect(found).to_have_count(1)
    expect(found.first).to_have_attribute("value", str(near.pk))
    # The station chosen before stays chosen while it fits the kind.
    expect(page.locator("#station-select")).to_have_value(str(far.pk))
