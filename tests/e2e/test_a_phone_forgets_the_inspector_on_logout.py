"""After logging out, with no signal, the phone shows nothing of the inspector's: the today
page (their name, the unannounced quarter's plan) is not served from the service worker's
cache, and the day's data (stations, a CSRF token) is gone from Cache Storage."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from inspections.models import InspectionPlan, PlanVisit
from inspections.permissions import quarter_of
from tests.inspections.factories_checks import station

from .conftest import lose_signal, regain_signal, wait_until

pytestmark = pytest.mark.e2e

TODAY = "/staff/inspections/today/"
DAY = "/staff/inspections/checks/day.json"
KEPT = """async (url) => {
    for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        if (await cache.match(url)) return true;
    }
    return false;
}"""


@pytest.fixture
def phone(own_profile):
    context = own_profile(viewport={"width": 390, "height": 844})
    tab = context.pages[0] if context.pages else context.new_page()
    yield context, tab


@pytest.fixture
def planned(world):
    at = station(world.union_a)
    at.name = "暗访计划中的某站"
    at.save()
    year, quarter = quarter_of(timezone.localdate())
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, seed="e2e")
    PlanVisit.objects.create(
        plan=plan, station=at, union=at.union, district=at.district, inspector=world.inspector
    )
    world.inspector.first_name, world.inspector.last_name = "明", "李"
    world.inspector.save()
    return at


def _offline_today(page):
    """The page's body as the phone shows the today page with no signal, or None when
    nothing opens (not served from any cache: the browser's own offline error)."""
    try:
        page.goto(TODAY)
    except PlaywrightError:
        return None
    return page.locator("body")


def test_logout_leaves_nothing_of_the_inspector_offline(phone, login, world, planned):
    context, page = phone
    login(page, world.inspector)
    page.goto(TODAY)
    expect(page.get_by_text(planned.name).first).to_be_visible()
    wait_until(page, KEPT, TODAY)
    wait_until(page, KEPT, DAY)

    page.locator(".navbar-toggler").click()  # a phone's menu is folded
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/**")
    expect(page.locator("#id_username")).to_be_visible()
    # The clean-up is done once nothing of it is left in Cache Storage.
    wait_until(page, f"async () => !(await ({KEPT})('{DAY}'))")

    # Nothing in Cache Storage, as the page (the login page) sees it...
    assert page.evaluate(KEPT, DAY) is False
    assert page.evaluate(KEPT, TODAY) is False
    keys = page.evaluate("async () => await caches.keys()")
    assert not [k for k in keys if k.startswith("relay-inspections-")], keys
    assert (
        page.evaluate(
            "async () => (await navigator.serviceWorker.getRegistrations())"
            ".filter(r => r.scope.includes('/staff/')).length"
        )
        == 0
    )

    # ...and with no signal the today page is not there to open.
    lose_signal(context)
    shown = _offline_today(page)

    if shown is not None:
        for trace in (planned.name, "李明", world.inspector.username):
            expect(shown).not_to_contain_text(trace)
    regain_signal(context)
    page.goto("/accounts/login/")
    assert page.evaluate(KEPT, DAY) is False


OUTBOX = """async () => await new Promise((resolve) => {
    const request = indexedDB.open("relay-inspections");
    request.onsuccess = () => {
        const db = request.result;
        const all = db.transaction("outbox", "readonly").objectStore("outbox").getAll();
        all.onsuccess = () => { db.close(); resolve(all.result.map((r) => r.user)); };
    };
})"""


def test_a_session_that_ended_leaves_only_the_unsent_checks(phone, login, world, planned):
    from django.contrib.sessions.models import Session

    context, page = phone
    login(page, world.inspector)
    page.goto(TODAY)
    expect(page.get_by_text(planned.name).first).to_be_visible()
    wait_until(page, KEPT, TODAY)
    wait_until(page, KEPT, DAY)
    # A check saved with no signal, not sent yet.
    page.evaluate(
        """async () => await window.RelayOutbox.save({
            key: crypto.randomUUID(), fields: {kind: "flying"}, photos: [],
            label: "未发送的检查", savedAt: new Date().toISOString()})"""
    )

    Session.objects.all().delete()  # the idle timeout ends the login on the server
    page.goto("/")  # the next visit, a public page
    wait_until(page, f"async () => !(await ({KEPT})('{DAY}'))")

    assert page.evaluate(KEPT, TODAY) is False
    # The unsent check stays, saying whose it is.
    assert page.evaluate(OUTBOX) == [world.inspector.username]
    lose_signal(context)
    shown = _offline_today(page)
    if shown is not None:
        expect(shown).not_to_contain_text(planned.name)
        expect(shown).not_to_contain_text("李明")
