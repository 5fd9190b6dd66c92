"""The aid center selects a year's excellent station, confirms its head, publishes the year,
and a passer-by reads the honours on a phone and follows the winner to its station page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.awards.conftest import YEAR, operating_station, scores

from .conftest import TIMEOUT_MS, assert_axe_clean

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _render_in_the_live_server():
    """The live server runs in this process: certificates render in its request thread."""
    from config.celery_app import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def field(world):
    """14 operating stations with four published quarters: exactly one may win."""
    stations = []
    for i in range(14):
        station = operating_station(union=world.union_a, name=f"南京东路{i + 1}号爱心接力站")
        scores(station, [96 - i] * 4)
        stations.append(station)
    return stations


def test_the_aid_center_selects_and_publishes_and_the_public_reads_it(
    page, login, world, field, browser, live_server
):
    winner = field[0]
    login(page, world.aid)
    page.goto(f"/staff/awards/{YEAR}/")
    bounds = page.get_by_test_id("bounds")
    expect(bounds).to_contain_text("14", use_inner_text=True)
    expect(bounds).to_contain_text("1.12", use_inner_text=True)

    # Two is more than 8% of 14: the service refuses and nothing is saved. A click that
    # posts returns before the answer comes back: wait for the page that answers it.
    page.locator(f"#pick-{field[0].pk}").check()
    page.locator(f"#pick-{field[1].pk}").check()
    page.get_by_test_id("save-selection").click()
    expect(page.locator(".alert-danger, .alert-error").first).to_be_visible()
    expect(page.get_by_test_id("award")).to_have_count(0)

    page.locator(f"#pick-{field[0].pk}").check()
    page.locator(f"#pick-{field[1].pk}").uncheck()
    page.get_by_test_id("save-selection").click()
    expect(page.get_by_test_id("award")).to_have_count(3)  # the station, its head, its host unit

    star_head = page.locator("[data-testid=award][data-kind=star_head]")
    star_head.get_by_test_id("confirm").click()
    # Confirmed: the page answering the post offers to take the confirmation back.
    expect(star_head.locator("input[name=confirmed]")).to_have_value("0")
    # Publishing asks first (YEAR_ACTIONS' confirmation): the officer agrees.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("year-status")).to_have_text("已发布", use_inner_text=True)

    public = browser.new_context(
        base_url=live_server.url, viewport=PHONE_390, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    public.set_default_timeout(TIMEOUT_MS)
    phone = public.new_page()
    try:
        phone.goto("/awards/")
        expect(phone.locator("h1")).to_contain_text(f"{YEAR}年度评优表彰", use_inner_text=True)
        stations = phone.get_by_test_id("honours-excellent_station")
        expect(stations).to_contain_text(winner.name, use_inner_text=True)
        expect(phone.get_by_test_id("honours-star_head")).to_contain_text(
            "年度明星站长", use_inner_text=True
        )
        # The proposed partner was never confirmed: it is not published.
        expect(phone.get_by_test_id("honours-partner")).to_have_count(0)
        # Readable at 390 px: nothing wider than the screen.
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE_390["width"]
        assert_axe_clean(phone)

        stations.get_by_role("link", name=winner.name).click()
        phone.wait_for_url(f"**/stations/{winner.plaque_number}/")
        expect(phone.get_by_test_id("station-titles")).to_contain_text(
            f"{YEAR}年度优秀户外职工爱心接力站", use_inner_text=True
        )
    finally:
        public.close()
