"""A 送清凉 campaign end to end at 390 px (issue 23): the aid center opens it and allocates
its goods; a union clerk records a delivery with a photo, and an over-allocation comes back
in Chinese with the numbers; the public reads the campaign page and the station page."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stations.models import Campaign, CampaignDelivery
from tests.factories import OperatingStationFactory

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
# A 1×1 PNG: the photo of the goods handed over.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_a_campaign_from_opening_to_the_station_page(
    page, login, world, browser, live_server, request
):
    station = OperatingStationFactory(
        union=world.union_a, district="黄浦区", name="人民广场爱心接力站"
    )
    today = timezone.localdate()
    page.set_viewport_size(PHONE_390)

    # The aid center opens the campaign with two goods.
    login(page, world.aid)
    page.goto("/staff/campaigns/new/")
    page.select_option("#id_kind", "cool")
    page.fill("#id_title", "夏季送清凉")
    page.fill("#id_starts_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_ends_on", (today + dt.timedelta(days=30)).isoformat())
    page.fill("#id_budget", "3000")
    page.fill("#id_offer", "绿豆汤、藿香正气水，到站即可领取")
    page.fill("#id_good_0_name", "绿豆汤")
    page.fill("#id_good_0_unit", "箱")
    page.fill("#id_good_0_price", "40")
    page.fill("#id_good_1_name", "藿香正气水")
    page.fill("#id_good_1_unit", "盒")
    page.get_by_test_id("save-campaign").click()
    expect(page.get_by_test_id("allocation")).to_be_visible()
    campaign = Campaign.objects.get()

    # Ten boxes of each for union A.
    for good in campaign.goods.all():
        page.fill(f"input[name=alloc_{world.union_a.pk}_{good.pk}]", "10")
    page.get_by_test_id("save-allocation").click()
    expect(page.get_by_test_id("progress")).to_contain_text("0 / 10")
    page.context.clear_cookies()

    # The clerk records a delivery with a photo, then tries too much.
    login(page, world.user_a)
    page.goto(f"/staff/campaigns/{campaign.pk}/")
    page.get_by_test_id("record-delivery").click()
    goods = list(campaign.goods.all())
    page.fill("#id_plaque_number", station.plaque_number)
    page.fill("#id_received_by", "李站长")
    page.fill(f"#id_qty_{goods[0].pk}", "6")
    page.set_input_files(
        "#id_photo", files=[{"name": "goods.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.screenshot(path=str(result_path(request.node.name + "_form", ".png")), full_page=True)
    page.get_by_test_id("save-delivery").click()
    expect(page.get_by_test_id("progress")).to_contain_text("6 / 10")
    assert CampaignDelivery.objects.get().photo

    page.get_by_test_id("record-delivery").click()
    page.fill("#id_plaque_number", station.plaque_number)
    page.fill("#id_received_by", "李站长")
    page.fill(f"#id_qty_{goods[0].pk}", "5")
    page.get_by_test_id("save-delivery").click()
    refused = page.get_by_test_id("delivery-refused")
    expect(refused).to_contain_text("超出本单位分配数量")
    expect(refused).to_contain_text("已分配 10 箱，已发放 6，本次 5")
    expect(page.locator(f"#id_qty_{goods[0].pk}")).to_have_value("5")

    # The public: the campaign page lists the station; the station page says so.
    page.context.clear_cookies()
    page.goto(f"/campaigns/{campaign.pk}/")
    expect(page.get_by_test_id("campaign-stations")).to_contain_text(station.name)
    expect(page.get_by_test_id("offer")).to_contain_text("绿豆汤")
    page.screenshot(path=str(result_path(request.node.name + "_public", ".png")), full_page=True)
    page.get_by_test_id("campaign-stations").get_by_text(station.name).click()
    expect(page.get_by_test_id("campaign-notice")).to_contain_text("本站参与夏季送清凉")
