"""An inspector on a 390 px phone logs a check with no signal: the service worker serves the
form, the check waits on the phone with its photo, and arrives exactly once when the
network is back. Online, a red-line check shows the rectification order it opened."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from inspections.models import Inspection, InspectionPhoto, Rectification
from tests.inspections.factories_checks import station

from .conftest import assert_axe_clean, result_path, wait_until

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
# About 100 m north of the station (31.230400, 121.473700).
HERE = {"latitude": 31.2313, "longitude": 121.4737, "accuracy": 15}


def _jpeg(width=2400, height=1800) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, format="JPEG", quality=95)
    return out.getvalue()


@pytest.fixture
def phone(own_profile):
    context = own_profile(viewport=PHONE_390, geolocation=HERE, permissions=["geolocation"])
    tab = context.pages[0] if context.pages else context.new_page()
    yield context, tab


def _answer_everything(page, *, failing=()):
    for label in page.locator("label[for^='met-']").all():
        code = label.get_attribute("for").removeprefix("met-")
        target = f"label[for='notmet-{code}']" if code in failing else f"label[for='met-{code}']"
        page.locator(target).click()


def _wait_until_kept_on_the_phone(page):
    wait_until(
        page,
        """async () => {
            const reg = await navigator.serviceWorker.getRegistration('/staff/inspections/');
            if (!reg || !reg.active) return false;
            for (const key of await caches.keys()) {
                const cache = await caches.open(key);
                if (await cache.match('/staff/inspections/checks/new/')) return true;
            }
            return false;
        }""",
    )


def test_a_check_made_offline_waits_on_the_phone_and_arrives_once(phone, login, world, request):
    context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    page.goto(f"/staff/inspections/checks/new/?station={at.pk}&kind=flying")
    _wait_until_kept_on_the_phone(page)
    # The page that installed the worker is taken over by it (clients.claim); a reload
    # makes sure this page and every later one go through it.
    page.reload()
    page.wait_for_function("() => !!navigator.serviceWorker.controller", polling=200)

    context.set_offline(True)
    # With no signal the page still opens: the service worker serves the kept copy.
    page.reload()
    page.locator("[data-check-form]").wait_for()
    expect(page.locator("#station-select")).to_have_value(str(at.pk))
    # The phone's position arrives after the page: about 100 m from the station.
    distance = page.get_by_test_id("distance")
    expect(distance).to_contain_text("米")
    expect(distance).to_contain_text("距站点", use_inner_text=True)
    expect(distance).to_have_text(re.compile("9[5-9]|10[0-5]"), use_inner_text=True)

    _answer_everything(page)
    page.set_input_files(
        "[data-photo-input]",
        files=[{"name": "shop.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}],
    )
    page.locator('[data-testid="photo-thumbs"] img').wait_for()
    page.screenshot(path=str(result_path(request.node.name + "_form", ".png")), full_page=True)
    page.click("[data-save]")

    expect(page.get_by_test_id("form-notice")).to_contain_text("无网络", use_inner_text=True)
    expect(page.get_by_test_id("outbox-count")).to_have_text("1", use_inner_text=True)
    expect(page.get_by_test_id("outbox-item")).to_have_count(1)
    assert Inspection.objects.count() == 0
    page.screenshot(path=str(result_path(request.node.name + "_waiting", ".png")), full_page=True)

    context.set_offline(False)
    expect(page.get_by_test_id("sent-item")).to_contain_text("得分 100.00", use_inner_text=True)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=outbox]').classList.contains('d-none')"
    )

    # A reload retries whatever is left; nothing is left, so nothing is sent twice. The
    # reloaded page's outbox sends what its store holds and removes each check once the
    # server has answered: with the store read empty, any send it made is answered.
    page.reload()
    page.locator("[data-check-form]").wait_for()
    wait_until(
        page,
        "async () => !!window.RelayOutbox && (await window.RelayOutbox.render()).length === 0",
    )
    assert Inspection.objects.count() == 1
    check = Inspection.objects.get()
    assert check.station == at and check.by == world.inspector and check.distance_m is not None
    photo = InspectionPhoto.objects.get(inspection=check)
    # Made smaller on the phone: the longest side is at most 1600 px, and it is a JPEG.
    with photo.image.open("rb") as handle, Image.open(handle) as image:
        assert max(image.size) <= 1600 and image.format == "JPEG"


def test_a_link_opened_offline_chooses_its_station_from_the_stations_seen(phone, login, world):
    """The kept copy of the form is never this link's: it was kept by the worker's install
    (no station) or by the page of another station, so the phone itself chooses the linked
    station among those it has seen, and the rest of the form still works (the distance)."""
    context, page = phone
    here = station(world.union_a)
    other = station(world.union_a, lat="31.240000", lng="121.480000")
    login(page, world.inspector)
    # Seen online: the station the offline link will name. Its page is not the kept one.
    page.goto(f"/staff/inspections/checks/new/?station={here.pk}&kind=flying")
    _wait_until_kept_on_the_phone(page)
    page.goto(f"/staff/inspections/checks/new/?station={other.pk}&kind=flying")
    page.wait_for_function("() => !!navigator.serviceWorker.controller", polling=200)
    expect(page.locator("#station-select")).to_have_value(str(other.pk))

    context.set_offline(True)
    page.goto(f"/staff/inspections/checks/new/?station={here.pk}&kind=flying")
    page.locator("[data-check-form]").wait_for()
    expect(page.locator("#station-select")).to_have_value(str(here.pk))
    expect(page.get_by_test_id("distance")).to_have_text(
        re.compile("9[5-9]|10[0-5]"), use_inner_text=True
    )


def test_a_red_line_check_shows_the_order_it_opened(phone, login, world, request):
    _context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    page.goto(f"/staff/inspections/checks/new/?station={at.pk}&kind=flying")
    page.locator("[data-check-form]").wait_for()
    assert_axe_clean(page)
    _answer_everything(page, failing=("plaque_posted",))
    page.set_input_files(
        "[data-photo-input]",
        files=[{"name": "wall.png", "mimeType": "image/png", "buffer": _png()}],
    )
    page.locator('[data-testid="photo-thumbs"] img').wait_for()
    page.click("[data-save]")
    page.wait_for_url("**/staff/inspections/checks/*/")
    expect(page.get_by_test_id("check-score")).to_have_text("94.00", use_inner_text=True)
    assert_axe_clean(page)
    order = Rectification.objects.get()
    expect(page.get_by_test_id("red-line-alert")).to_contain_text(
        f"#{order.pk}", use_inner_text=True
    )
    page.screenshot(path=str(result_path(request.node.name, ".png")), full_page=True)


def test_a_check_with_a_missing_answer_keeps_everything_typed(phone, login, world):
    _context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    page.goto(f"/staff/inspections/checks/new/?station={at.pk}&kind=flying")
    page.locator("[data-check-form]").wait_for()
    page.fill("#check-note", "门口积水")
    page.click("label[for='met-place']")
    page.click("[data-save]")
    expect(page.locator('[data-error-for="item_sign"]')).to_have_text(
        "请选择“达标”或“不达标”。", use_inner_text=True
    )
    expect(page.locator("#check-note")).to_have_value("门口积水")
    expect(page.locator("#met-place")).to_be_checked()
    assert Inspection.objects.count() == 0


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 200, 30)).save(out, format="PNG")
    return out.getvalue()


def _queue_one_offline(context, page, at):
    page.goto(f"/staff/inspections/checks/new/?station={at.pk}&kind=flying")
    page.locator("[data-check-form]").wait_for()
    context.set_offline(True)
    _answer_everything(page)
    page.click("[data-save]")
    page.get_by_test_id("form-notice").wait_for()
    expect(page.get_by_test_id("outbox-count")).to_have_text("1", use_inner_text=True)


def test_a_check_refused_when_sent_stays_waiting_with_the_reason(phone, login, world):
    from stations.models import StationStatus

    context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    _queue_one_offline(context, page, at)
    # While the phone was offline the station was withdrawn to draft: no inspector may
    # check it now, so the server refuses the check and says why.
    at.status = StationStatus.DRAFT
    at.save(update_fields=["status"])
    context.set_offline(False)
    expect(page.get_by_test_id("outbox-error")).to_contain_text(
        "请选择您可以检查的站点", use_inner_text=True
    )
    expect(page.get_by_test_id("outbox-count")).to_have_text("1", use_inner_text=True)
    assert Inspection.objects.count() == 0


def test_an_ended_login_keeps_the_queue_and_asks_to_log_in_again(phone, login, world):
    context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    _queue_one_offline(context, page, at)
    context.clear_cookies()  # the session ended while the phone was offline
    context.set_offline(False)
    page.locator("[data-outbox-login] a").wait_for()
    expect(page.locator("[data-outbox-login]")).to_contain_text("重新登录", use_inner_text=True)
    expect(page.get_by_test_id("outbox-count")).to_have_text("1", use_inner_text=True)
    assert Inspection.objects.count() == 0
    login(page, world.inspector)
    page.goto("/staff/inspections/checks/new/")
    page.locator('[data-testid="sent-item"]').wait_for()
    assert Inspection.objects.count() == 1
