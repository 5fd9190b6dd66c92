"""On a phone (390 px) a worker finds the nearest open station, opens it, taps "I used this
station", and leaves a rating with one thumb: stars, a problem ticked, a comment."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from stations.models import Feedback, StationStatus, StationVisitDay
from tests.factories import StationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
HERE = {"latitude": 31.2304, "longitude": 121.4737}


@pytest.mark.parametrize("viewport", [PHONE_390])
def test_a_worker_taps_i_used_it_and_leaves_a_rating(page, world):
    StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00501",
        plaque_seq=501,
        name="最近开放的站",
        latitude=HERE["latitude"] + 0.01,
        longitude=HERE["longitude"],
        open_24h=True,
    )
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation(HERE)

    page.goto("/stations/?open_now=1")
    page.get_by_test_id("near-me").click()
    page.wait_for_url("**near=**")
    page.get_by_test_id("station-entry").first.get_by_role("link").click()
    page.wait_for_url("**/stations/SH00501/")

    # The visit posts and comes back to the same address, so the address proves nothing:
    # wait for the page that counted it.
    page.get_by_test_id("visit-button").click()
    expect(page.get_by_test_id("visits")).to_have_attribute("data-visits", "1")
    expect(page.locator("body")).to_contain_text("已记录您的这次使用")
    expect(page).to_have_url(re.compile(r"/stations/SH00501/$"))

    page.get_by_test_id("feedback-link").click()
    star = page.locator("label[for=rating-4]")
    box = star.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # a thumb's target
    star.click()
    page.get_by_label("不能充电").check()
    page.get_by_label("其他意见（选填）").fill("插座坏了一个")
    page.screenshot(path=str(result_path("feedback_form_390", ".png")), full_page=True)
    page.get_by_test_id("feedback-submit").click()
    page.get_by_test_id("feedback-thanks").wait_for()

    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.problems, feedback.comment) == (
        4,
        ["no_charging"],
        "插座坏了一个",
    )
    assert StationVisitDay.objects.get().count == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sideways
