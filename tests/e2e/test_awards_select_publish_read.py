"""The aid center selects a year's excellent station, confirms its head, publishes the year,
and a passer-by reads the honours on a phone and follows the winner to its station page."""

from __future__ import annotations

import pytest

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
    assert "14" in bounds.inner_text() and "1.12" in bounds.inner_text()

    # Two is more than 8% of 14: the service refuses and nothing is saved.
    page.locator(f"#pick-{field[0].pk}").check()
    page.locator(f"#pick-{field[1].pk}").check()
    page.get_by_test_id("save-selection").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger, .alert-error").count() >= 1
    assert page.get_by_test_id("award").count() == 0

    page.locator(f"#pick-{field[0].pk}").check()
    page.locator(f"#pick-{field[1].pk}").uncheck()
    page.get_by_test_id("save-selection").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("award").count() == 3  # the station, its head, its host unit

    page.locator("[data-testid=award][data-kind=star_head]").get_by_test_id("confirm").click()
    page.wait_for_load_state()
    # Publishing asks first (YEAR_ACTIONS' confirmation): the officer agrees.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("publish").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("year-status").inner_text().strip() == "已发布"

    public = browser.new_context(
        base_url=live_server.url, viewport=PHONE_390, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    public.set_default_timeout(TIMEOUT_MS)
    phone = public.new_page()
    try:
        phone.goto("/awards/")
        assert f"{YEAR}年度评优表彰" in phone.locator("h1").inner_text()
        stations = phone.get_by_test_id("honours-excellent_station")
        assert winner.name in stations.inner_text()
        assert "年度明星站长" in phone.get_by_test_id("honours-star_head").inner_text()
        # The proposed partner was never confirmed: it is not published.
        assert phone.get_by_test_id("honours-partner").count() == 0
        # Readable at 390 px: nothing wider than the screen.
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE_390["width"]
        assert_axe_clean(phone)

        stations.get_by_role("link", name=winner.name).click()
        phone.wait_for_url(f"**/stations/{winner.plaque_number}/")
        assert (
            f"{YEAR}年度优秀户外职工爱心接力站"
            in phone.get_by_test_id("station-titles").inner_text()
        )
    finally:
        public.close()
