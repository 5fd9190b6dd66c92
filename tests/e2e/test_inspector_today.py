"""The inspector's day on a phone: planned visits nearest first from where the phone is."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import InspectionPlan, PlanVisit
from inspections.permissions import quarter_of
from tests.inspections.factories_checks import station

from .conftest import TIMEOUT_MS, assert_axe_clean, result_path

pytestmark = pytest.mark.e2e


@pytest.fixture
def near_the_bund(browser, live_server, django_db_serialized_rollback):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        geolocation={"latitude": 31.2400, "longitude": 121.4900, "accuracy": 20},
        permissions=["geolocation"],
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_nearest_planned_visit_comes_first(near_the_bund, login, world, request):
    page = near_the_bund
    far = station(world.union_a, lat="31.100000", lng="121.300000")
    near = station(world.union_a, lat="31.240500", lng="121.490500")
    year, quarter = quarter_of(timezone.localdate())
    plan = InspectionPlan.objects.create(year=year, quarter=quarter, seed="e2e")
    for at in (far, near):  # the server lists them by plaque number: far first
        PlanVisit.objects.create(
            plan=plan, station=at, union=at.union, district=at.district, inspector=world.inspector
        )
    login(page, world.inspector)
    page.goto("/staff/inspections/today/")
    expect(page.get_by_test_id("sort-note")).to_contain_text("由近到远")
    visits = page.locator('[data-testid="today-visit"]')
    expect(visits.nth(0)).to_contain_text(near.name, use_inner_text=True)
    expect(visits.nth(0)).to_contain_text("米", use_inner_text=True)
    expect(visits.nth(1)).to_contain_text("公里", use_inner_text=True)
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)
    assert_axe_clean(page)
    visits.nth(0).locator("a").click()
    page.wait_for_url("**/checks/new/**")
    expect(page.locator("#station-select")).to_have_value(str(near.pk))
