"""An inspector on a 390 px phone logs a check with no signal: the service worker serves the
form, the check waits on the phone with its photo, and arrives exactly once when the
network is back. Online, a red-line check shows the rectification order it opened."""

from __future__ import annotations

import io

import pytest
from PIL import Image

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
    assert page.locator("#station-select").input_value() == str(at.pk)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=distance]').textContent.includes('米')"
    )
    distance = page.locator('[data-testid="distance"]').inner_text()
    assert "距站点" in distance and any(str(n) in distance for n in range(95, 106)), distance

    _answer_everything(page)
    page.set_input_files(
        "[data-photo-input]",
        files=[{"name": "shop.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}],
    )
    page.locator('[data-testid="photo-thumbs"] img').wait_for()
    page.screenshot(path=str(result_path(request.node.name + "_form", ".png")), full_page=True)
    page.click("[data-save]")

    page.locator('[data-testid="form-notice"]').wait_for()
    assert "无网络" in page.locator('[data-testid="form-notice"]').inner_text()
    assert page.locator('[data-testid="outbox-count"]').inner_text() == "1"
    assert page.locator('[data-testid="outbox-item"]').count() == 1
    assert Inspection.objects.count() == 0
    page.screenshot(path=str(result_path(request.node.name + "_waiting", ".png")), full_page=True)

    context.set_offline(False)
    page.locator('[data-testid="sent-item"]').wait_for()
    assert "得分 100.00" in page.locator('[data-testid="sent-item"]').inner_text()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=outbox]').classList.contains('d-none')"
    )

    # A reload retries whatever is left; nothing is left, so nothing is sent twice.
    page.reload()
    page.locator("[data-check-form]").wait_for()
    page.wait_for_timeout(500)
    assert Inspection.objects.count() == 1
    check = Inspection.objects.get()
    assert check.station == at and check.by == world.inspector and check.distance_m is not None
    photo = InspectionPhoto.objects.get(inspection=check)
    # Made smaller on the phone: the longest side is at most 1600 px, and it is a JPEG.
    with photo.image.open("rb") as handle, Image.open(handle) as image:
        assert max(image.size) <= 1600 and image.format == "JPEG"


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
    assert page.locator('[data-testid="check-score"]').inner_text() == "94.00"
    assert_axe_clean(page)
    alert = page.locator('[data-testid="red-line-alert"]').inner_text()
    order = Rectification.objects.get()
    assert f"#{order.pk}" in alert
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
    assert page.locator('[data-error-for="item_sign"]').inner_text() == "请选择“达标”或“不达标”。"
    assert page.input_value("#check-note") == "门口积水"
    assert page.locator("#met-place").is_checked()
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
    page.locator('[data-testid="form-notice"]').wait_for()
    assert page.locator('[data-testid="outbox-count"]').inner_text() == "1"


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
    page.locator('[data-testid="outbox-error"]').wait_for()
    assert "请选择您可以检查的站点" in page.locator('[data-testid="outbox-error"]').inner_text()
    assert page.locator('[data-testid="outbox-count"]').inner_text() == "1"
    assert Inspection.objects.count() == 0


def test_an_ended_login_keeps_the_queue_and_asks_to_log_in_again(phone, login, world):
    context, page = phone
    at = station(world.union_a)
    login(page, world.inspector)
    _queue_one_offline(context, page, at)
    context.clear_cookies()  # the session ended while the phone was offline
    context.set_offline(False)
    page.locator("[data-outbox-login] a").wait_for()
    assert "重新登录" in page.locator("[data-outbox-login]").inner_text()
    assert page.locator('[data-testid="outbox-count"]').inner_text() == "1"
    assert Inspection.objects.count() == 0
    login(page, world.inspector)
    page.goto("/staff/inspections/checks/new/")
    page.locator('[data-testid="sent-item"]').wait_for()
    assert Inspection.objects.count() == 1
