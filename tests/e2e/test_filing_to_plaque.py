"""The heart of the portal in a browser: a clerk files two stations, the aid center approves
one and returns the other, and the plaque number shows on both sides."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from stations.models import Station, StationStatus

from .conftest import result_path

pytestmark = pytest.mark.e2e

STATIONS = [
    ("农行延安东路支行爱心接力站", "延安东路550号", "13812345678", "9:00-17:00"),
    ("农行金陵东路支行爱心接力站", "金陵东路100号", "139-1234-5678", "上午9:00—下午5:00"),
]


def _fill_station(page, name, address, mobile, hours) -> None:
    page.fill("#id_name", name)
    page.fill("#id_address", address)
    page.select_option("#id_district", "黄浦区")
    page.fill("#id_head_name", "陈晓")
    page.fill("#id_head_mobile", mobile)
    page.fill("#id_opening_hours_text", hours)
    page.fill("#id_area_m2", "3")
    page.check("input[name=services][value=water]")
    page.check("input[name=services][value=charging]")
    page.fill("#id_planned_completion", "2018-10-31")
    page.fill("#id_new_host_unit", "中国农业银行上海黄浦支行")
    page.check("input[name=facilities][value=air_con]")


def test_a_filing_goes_from_clerk_to_plaque_number(page, login, world, browser, live_server):
    login(page, world.user_a)
    page.goto("/staff/filings/new/")
    page.fill("#id_head_name", "王建国")
    page.fill("#id_head_email", "wang@example.org")
    page.fill("#id_head_phone", "021-63211939")
    page.click("main form button[type=submit]")
    for i, row in enumerate(STATIONS):
        page.wait_for_selector('[data-testid="station-form"]')
        _fill_station(page, *row)
        page.click("button[name=add_another]" if i == 0 else "button[name=save]")
        # The next form is on the page already until the answer replaces it: filling it
        # then would be lost. The answer names the station it added.
        expect(page.locator(".alert-success")).to_contain_text(f"已添加站点“{row[0]}”")
    page.wait_for_selector('[data-testid="filing-stations"]')
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click('[data-testid="submit-filing"]')
    # The page still shows 已添加站点… from the last station: wait for the answer to the
    # submission itself before asking the database.
    expect(page.locator(".alert-success")).to_contain_text("已将 2 个站点提交援助中心审核")
    filing_url = page.url
    assert questions == ["确定提交援助中心审核？"]  # 提交援助中心 asks first
    assert Station.objects.filter(status=StationStatus.SUBMITTED).count() == 2

    officer = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    desk = officer.new_page()
    login(desk, world.aid)
    desk.goto("/staff/review/")
    rows = desk.locator('[data-testid="queue-row"]')
    expect(rows).to_have_count(2)
    approve_row = rows.filter(has_text=STATIONS[0][0])
    approve_row.locator("input[name=station]").check()
    for standard in ("place", "sign", "staff", "service", "facilities", "support"):
        desk.check(f"#id_acceptance-has_{standard}")
    desk.click('[data-testid="bulk-approve"]')
    expect(desk.locator(".alert-success")).to_contain_text(f"{STATIONS[0][0]} SH00001")

    returned = Station.objects.get(name=STATIONS[1][0])
    desk.goto(f"/staff/stations/{returned.pk}/")
    return_form = desk.locator("form:has(button[data-action=return])")
    return_form.locator("input[name=reason]").fill("请补充门牌号和楼层")
    return_form.locator("button[data-action=return]").click()
    expect(desk.locator(".alert-success")).to_contain_text("请补充门牌号和楼层")

    approved = Station.objects.get(name=STATIONS[0][0])
    assert approved.plaque_number == "SH00001"
    desk.goto(f"/staff/stations/{approved.pk}/")
    expect(desk.locator('[data-testid="plaque-number"]')).to_have_text(
        "SH00001", use_inner_text=True
    )
    officer.close()

    page.goto(filing_url)
    expect(page.locator('[data-testid="plaque-number"]')).to_have_text(
        ["SH00001", ""], use_inner_text=True
    )
    expect(page.locator("body")).to_contain_text("请补充门牌号和楼层")
    page.screenshot(path=str(result_path("filing-after-review", ".png")), full_page=True)
