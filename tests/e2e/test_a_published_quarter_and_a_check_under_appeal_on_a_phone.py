"""Issue 21 in a browser at 390 px: the public reads a published quarter — a 不合格 row
naming its red line, a station listed 本季度未抽查, the rule in plain words — and a station
page whose last check is under appeal shows its day and 检查结果复核中, no score."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish
from inspections.models import InspectionKind
from tests.assessment.helpers import appeal, check, operating_station, red_line_check

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def viewport():
    return PHONE_390


@pytest.fixture(autouse=True)
def _fresh_pages(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


def _published_quarter(world):
    good = operating_station(world.union_a)
    failed = operating_station(world.union_b)
    unchecked = operating_station(world.union_a)
    check(good, 90, by=world.inspector)
    red_line_check(failed, 96, by=world.inspector, items=("plaque_posted",))
    check(unchecked, 100, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    assessment = assessment_run(year=2025, quarter=1, by=world.aid)
    assessment_publish(assessment=assessment, by=world.aid, reports=False)
    return good, failed, unchecked


def test_a_phone_reads_a_published_quarter_and_a_check_under_appeal(page, world):
    good, failed, unchecked = _published_quarter(world)

    page.goto("/rankings/2025/q1/")
    expect(page.get_by_test_id("rankings-title")).to_have_text(re.compile("2025"))
    rows = page.locator('[data-testid="rankings-row"]')
    expect(rows).to_have_count(3)
    # (70×90 + 10×100) / 80 = 91.25 first; the red line capped at 59, ranked below it.
    first = page.locator(f'[data-testid="rankings-row"][data-plaque="{good.plaque_number}"]')
    expect(first.get_by_test_id("rankings-score")).to_have_text("91.25")
    red = page.locator(f'[data-testid="rankings-row"][data-plaque="{failed.plaque_number}"]')
    expect(red.get_by_test_id("rankings-failed")).to_be_visible()
    expect(red.get_by_test_id("rankings-red-lines")).to_contain_text("铭牌在室外醒目位置悬挂")
    expect(red.get_by_test_id("rankings-score")).to_have_text("59.00")
    own = page.locator(f'[data-testid="rankings-row"][data-plaque="{unchecked.plaque_number}"]')
    expect(own.get_by_test_id("rankings-unchecked")).to_have_text("本季度未抽查")
    expect(page.get_by_test_id("rankings-who-scores")).to_contain_text("不计入得分")
    page.wait_for_function("document.documentElement.scrollWidth <= 390")
    page.screenshot(path=str(result_path("rankings_rules_phone", ".png")), full_page=True)

    # A red-line check three days ago, appealed by the union: under review, day only.
    contested = operating_station(world.union_a)
    visited = timezone.now() - dt.timedelta(days=3)
    appeal(red_line_check(contested, 58, by=world.inspector, when=visited), by=world.user_a)
    page.goto(f"/stations/{contested.plaque_number}/")
    line = page.get_by_test_id("last-check")
    expect(line.get_by_test_id("check-under-review")).to_have_text("检查结果复核中")
    expect(line).to_contain_text(timezone.localdate(visited).isoformat())
    expect(line).not_to_contain_text("58")
    expect(line).to_have_attribute("data-pending", "yes")
    page.wait_for_function("document.documentElement.scrollWidth <= 390")
    page.screenshot(path=str(result_path("station_under_appeal_phone", ".png")), full_page=True)
