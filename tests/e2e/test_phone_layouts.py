"""On a 390 px phone: the filing page is cards like the registry, the review queue's boxes
and links are 44 px targets, and nothing wraps one character a line."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stations.models import StationStatus
from tests.factories import StationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
LONG_NAME = "中国农业银行上海延安东路支行营业部户外职工爱心接力站"


@pytest.fixture
def viewport():
    return PHONE_390


@pytest.fixture
def submitted(world):
    return [
        StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED, name=LONG_NAME),
        StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED),
    ]


def test_the_filing_page_is_cards_on_a_phone(page, login, world, submitted):
    login(page, world.user_a)
    page.goto(f"/staff/filings/{world.filing_a.pk}/")
    page.screenshot(path=str(result_path("phone_filing", ".png")), full_page=True)
    expect(page.get_by_test_id("filing-stations")).to_be_hidden()
    cards = page.locator('[data-testid="filing-cards"] > li')
    expect(cards).to_have_count(3)
    name = cards.filter(has_text=LONG_NAME).locator("a").first
    box = name.bounding_box()
    # A name squeezed into a narrow column is a few characters wide; a card gives it the row.
    assert box["width"] > 200, box
    badge = cards.filter(has_text=LONG_NAME).locator(".status-badge, .badge").first
    expect(badge).to_be_visible()


def test_the_review_queue_has_thumb_sized_targets(page, login, world, submitted):
    login(page, world.aid)
    page.goto("/staff/review/")
    page.screenshot(path=str(result_path("phone_queue", ".png")), full_page=True)
    ticks = page.locator('[data-testid="tick"]')
    expect(ticks).to_have_count(2)
    for i in range(2):
        box = ticks.nth(i).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
    boxes = page.locator("input[name=station]")
    expect(boxes).to_have_count(2)
    page.click('[data-testid="check-all"]')
    for box in boxes.all():
        expect(box).to_be_checked()
    page.click('[data-testid="check-all"]')
    for box in boxes.all():
        expect(box).not_to_be_checked()
    # A tap on the corner of the square, not on the box itself, still ticks it.
    first = ticks.nth(0).bounding_box()
    page.mouse.click(first["x"] + 2, first["y"] + 2)
    expect(boxes.nth(0)).to_be_checked()
    for link in page.locator('[data-testid="queue-row"] a').all():
        box = link.bounding_box()
        assert box["height"] >= 44, box
    record = page.locator('[data-testid="queue-row"] a', has_text="登记验收").first
    box = record.bounding_box()
    # 登记验收 on one line: four characters wide, one line high.
    assert box["width"] > 3 * 14 and box["height"] < 60, box
    for standard in page.locator('[data-testid="bulk-acceptance"] .form-check').all():
        assert standard.bounding_box()["height"] >= 44
        label = standard.locator(".form-check-label").bounding_box()
        # 有场所 and its kin stay on one line beside their help text, not a character a line.
        assert label["height"] < 48 and label["width"] > 40, label
