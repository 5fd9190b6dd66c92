"""The logout button counts the checks this phone has not sent before Clear-Site-Data
deletes them: with some, it asks, and "cancel" keeps the inspector logged in; with a
browser whose IndexedDB never answers, the inspector is let out after the count's limit
(static/js/offline.js, COUNT_LIMIT_MS) rather than left on the page."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .test_a_phone_forgets_the_inspector_on_logout import TODAY

pytestmark = pytest.mark.e2e

UNSENT = """async () => await window.RelayOutbox.save({
    key: crypto.randomUUID(), fields: {kind: "flying"}, photos: [],
    label: "未发送的检查", savedAt: new Date().toISOString()})"""
# The list of databases never answers, as a stalled storage backend would not.
STALLED = "indexedDB.databases = () => new Promise(() => {});"


def _log_out(page):
    page.locator(".navbar-toggler").click()  # a phone's menu is folded
    page.get_by_role("button", name="退出登录").click()


def _until_asked(page, asked, timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while not asked:
        assert time.monotonic() < deadline, "the logout never asked"
        page.wait_for_timeout(100)


@pytest.fixture
def phone(own_profile):
    context = own_profile(viewport={"width": 390, "height": 844})
    yield context.pages[0] if context.pages else context.new_page()


def test_unsent_checks_are_named_and_cancel_keeps_the_login(phone, login, world):
    login(phone, world.inspector)
    phone.goto(TODAY)
    phone.evaluate(UNSENT)
    asked = []

    def cancel(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    phone.once("dialog", cancel)
    _log_out(phone)
    _until_asked(phone, asked)
    assert asked == ["本机还有 1 条检查没有发送。退出登录会把它们从本机删除。仍要退出吗？"]

    phone.goto(TODAY)  # still logged in
    expect(phone).to_have_url(re.compile(re.escape(TODAY) + "$"))
    expect(phone.get_by_test_id("whoami")).to_contain_text(world.inspector.username)

    phone.once("dialog", lambda dialog: dialog.accept())
    _log_out(phone)
    phone.wait_for_url("**/accounts/login/**")
    expect(phone.locator("#id_username")).to_be_visible()


def test_a_storage_that_never_answers_does_not_keep_the_inspector_in(page, login, world):
    page.context.add_init_script(STALLED)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, world.inspector)
    expect(page.get_by_test_id("whoami")).to_contain_text(world.inspector.username)

    _log_out(page)
    page.wait_for_url("**/accounts/login/**")
    expect(page.locator("#id_username")).to_be_visible()
