"""The whole staff flow in a browser, as issue 8's "Done when" describes it, at 1280 px and
at 390 px, with axe-core clean on every page the walk opens:

a clerk files two stations online and one by the Excel template; the aid center accepts
and approves two in bulk and returns one; the clerk fixes it and resubmits in one step
without retyping a date; the officer accepts and approves it; records the agreement and
the received pledge of the first; the station becomes 运行中; the pledge and plaque PDFs
download; the public page shows the plaque.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from stations.models import Station, StationStatus
from tests.stations.excel.builders import clerk_workbook, station_row

from .conftest import PHONE, assert_axe_clean, result_path

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE_390 = {**PHONE, "width": 390}
ONLINE = [
    ("农行延安东路支行爱心接力站", "延安东路550号", "13812345678", "9:00-17:00"),
    ("农行金陵东路支行爱心接力站", "金陵东路100号", "139-1234-5678", "上午9:00—下午5:00"),
]
IMPORTED = "工商银行南京东路第1支行爱心接力站"
HOST = "中国农业银行上海黄浦支行"
SIX = ("place", "sign", "staff", "service", "facilities", "support")


@pytest.fixture(autouse=True)
def _render_in_the_live_server():
    """The live server renders documents in its own request threads (as in
    test_documents_download.py): no worker waits for them in this process."""
    from config.celery_app import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


class Walk:
    """One person's tab: every page it lands on is screenshotted and checked by axe."""

    def __init__(self, page, name: str, width: int):
        self.page = page
        self.name = name
        self.width = width
        self.step = 0
        self.questions: list[str] = []
        page.on("dialog", self._answer)

    def _answer(self, dialog) -> None:
        self.questions.append(dialog.message)
        dialog.accept()

    def check(self, label: str) -> None:
        self.page.wait_for_load_state()
        self.step += 1
        shot = result_path(f"walk_{self.width}_{self.name}_{self.step:02d}_{label}", ".png")
        self.page.screenshot(path=str(shot), full_page=True)
        assert_axe_clean(self.page)

    def goto(self, path: str, label: str) -> None:
        self.page.goto(path)
        self.check(label)

    def click(self, selector: str, label: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)
        self.check(label)

    def success(self):
        """The page's success message, for the caller to ``expect(...)``."""
        return self.page.locator(".alert-success").first


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
    page.fill("#id_new_host_unit", HOST)
    page.check("input[name=facilities][value=air_con]")


def _excel(tmp_path: Path) -> Path:
    workbook = clerk_workbook(
        [
            station_row(
                1,
                name=IMPORTED,
                district="黄浦区",
                carrier="银行",
                host_unit="中国工商银行上海市南京东路支行",
                audience="全体户外职工",
            )
        ],
        extras=("district", "carrier", "host_unit", "audience"),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "附件1.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def _download(walk: Walk, testid: str) -> tuple[str, bytes]:
    panel = walk.page.locator("[data-documents-panel]")
    panel.locator(f'[data-testid="make-{testid}"]').click()
    panel.locator(f'[data-testid="download-{testid}"]').wait_for()
    with walk.page.expect_download() as info:
        walk.page.click(f'[data-testid="download-{testid}"]')
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_the_whole_flow_from_filing_to_operating_station(
    page, browser, login, world, live_server, viewport, tmp_path
):
    width = viewport["width"]
    clerk = Walk(page, "clerk", width)

    # --- The clerk files two stations online ------------------------------------------
    login(page, world.user_a)
    clerk.check("home")
    clerk.goto("/staff/filings/new/", "filing_new")
    page.fill("#id_head_name", "王建国")
    page.fill("#id_head_email", "wang@example.org")
    page.fill("#id_head_phone", "021-63211939")
    clerk.click("main form button[type=submit]", "station_add")
    for i, row in enumerate(ONLINE):
        _fill_station(page, *row)
        last = i == len(ONLINE) - 1
        clerk.click(
            "button[name=save]" if last else "button[name=add_another]",
            "filing" if last else "station_add_2",
        )
    filing_url = page.url
    clerk.click('[data-testid="submit-filing"]', "filing_submitted")
    assert clerk.questions[-1] == "确定提交援助中心审核？"
    expect(clerk.success()).to_contain_text("2", use_inner_text=True)

    # --- ... and one by the Excel template --------------------------------------------
    clerk.goto("/staff/filings/import/", "import")
    page.set_input_files("input[type=file]", str(_excel(tmp_path)))
    clerk.click("main form[enctype] button[type=submit]", "imported")
    imported_url = page.url
    clerk.click('[data-testid="submit-filing"]', "imported_submitted")
    assert Station.objects.filter(status=StationStatus.SUBMITTED).count() == 3

    # --- The aid center accepts and approves two, returns one --------------------------
    officer_context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    desk_page = officer_context.new_page()
    desk = Walk(desk_page, "officer", width)
    login(desk_page, world.aid)
    desk.goto("/staff/review/", "queue")
    rows = desk_page.locator('[data-testid="queue-row"]')
    expect(rows).to_have_count(3)
    for name in (ONLINE[0][0], IMPORTED):
        rows.filter(has_text=name).locator('[data-testid="tick"]').click()
    for standard in SIX:
        desk_page.check(f"#id_acceptance-has_{standard}")
    desk.click('[data-testid="bulk-approve"]', "bulk_approved")
    expect(desk.success()).to_contain_text(f"{ONLINE[0][0]} SH00001", use_inner_text=True)
    expect(desk.success()).to_contain_text(f"{IMPORTED} SH00002", use_inner_text=True)

    returned = Station.objects.get(name=ONLINE[1][0])
    desk.goto(f"/staff/stations/{returned.pk}/", "to_return")
    form = desk_page.locator("form:has(button[data-action=return])")
    form.locator("input[name=reason]").fill("请补充门牌号和楼层")
    with desk_page.expect_navigation():
        form.locator("button[data-action=return]").click()
    desk.check("returned")
    expect(desk.success()).to_contain_text("请补充门牌号和楼层", use_inner_text=True)

    # --- The clerk fixes it and resubmits in one step, retyping nothing ----------------
    clerk.goto(filing_url, "filing_with_returned")
    clerk.goto(f"/staff/stations/{returned.pk}/edit/", "edit_returned")
    expect(page.locator("#id_planned_completion")).to_have_value("2018-10-31")
    page.fill("#id_address", "金陵东路100号2楼")
    clerk.click('[data-testid="save-and-resubmit"]', "resubmitted")
    returned.refresh_from_db()
    assert (returned.status, returned.address) == (StationStatus.SUBMITTED, "金陵东路100号2楼")

    # --- The officer accepts and approves it on its page --------------------------------
    desk.goto(f"/staff/stations/{returned.pk}/acceptance/", "acceptance")
    expect(desk_page.locator("#id_checked_on")).not_to_have_value("")  # today, filled in
    for standard in SIX:
        desk_page.check(f"#id_has_{standard}")
    desk.click("main form button[type=submit]", "accepted")
    desk.click("button[data-action=approve]", "approved")
    assert desk.questions[-1].startswith("确定审核通过")
    returned.refresh_from_db()
    assert returned.plaque_number == "SH00003"

    # --- Agreement and received pledge: the first station operates ----------------------
    first = Station.objects.get(name=ONLINE[0][0])
    desk.goto(f"/staff/stations/{first.pk}/agreement/", "agreement")
    expect(desk_page.get_by_test_id("party-a-name")).to_have_text(HOST, use_inner_text=True)
    desk_page.fill("#id_signatory_a", "张行长")
    desk.click('[data-testid="agreement-form"] button[type=submit]', "agreement_saved")
    desk.goto(f"/staff/stations/{first.pk}/", "agreement_on_file")
    desk.click('[data-testid="pledge-record"]', "pledge_form")
    desk_page.fill("#id_received_on", "2018-11-05")
    desk.click("main form button[type=submit]", "pledge_received")
    first.refresh_from_db()
    assert first.status == StationStatus.ACTIVE
    expect(desk_page.locator('[data-testid="station-name"] + div')).to_contain_text(
        "运行中", use_inner_text=True
    )

    # --- Pledge and plaque PDFs ----------------------------------------------------------
    name, data = _download(desk, "pledge")
    assert name == "pledge-SH00001.pdf" and data.startswith(b"%PDF")
    name, data = _download(desk, "plaque")
    assert name.endswith(".pdf") and "SH00001" in name and data.startswith(b"%PDF")
    desk.check("documents")
    officer_context.close()

    # --- The clerk sees the numbers; the public page shows the plaque --------------------
    clerk.goto(filing_url, "filing_numbers")
    expect(page.locator("body")).to_contain_text("SH00001")
    expect(page.locator("body")).to_contain_text("SH00003")
    clerk.goto(imported_url, "imported_numbers")
    expect(page.locator("body")).to_contain_text("SH00002")
    page.context.clear_cookies()
    clerk.goto("/stations/SH00001/", "public_page")
    expect(page.locator("body")).to_contain_text(ONLINE[0][0])
    state = page.get_by_test_id("plaque-state")
    expect(state).to_have_attribute("data-stage", "valid")
    expect(state).to_contain_text("本铭牌有效", use_inner_text=True)
