"""Staff sign in through the real login form and land on their own home page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from .conftest import PHONE, fill_login_form, result_path

pytestmark = pytest.mark.e2e

CJK = re.compile(r"[\u4e00-\u9fff]")


def _zh(msgid: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(msgid)


HOME_TITLES = {
    "user_a": lambda w: w.union_a.name,
    "aid": lambda w: settings.AID_CENTER_NAME,
    "inspector": lambda w: _zh("Service quality inspection"),
    "admin": lambda w: _zh("System administration"),
}


@pytest.mark.parametrize("who", list(HOME_TITLES))
def test_each_role_logs_in_and_sees_its_own_home_page(page, login, world, who):
    user = getattr(world, who)

    login(page, user)

    expect(page.get_by_test_id("home-title")).to_have_text(
        HOME_TITLES[who](world), use_inner_text=True
    )
    expect(page.get_by_test_id("work-card").first).to_be_visible()  # at least one, shown


def test_a_wrong_password_shows_the_error_in_chinese(page, world):
    fill_login_form(page, world.user_a.username, "not-the-password")

    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext(
            "The user name or password is wrong. After %(limit)s failed attempts the account "
            "is locked for a while."
        ) % {"limit": settings.AXES_FAILURE_LIMIT}
    assert CJK.search(expected), f"login error is not in Chinese: {expected!r}"
    # The form posts to its own address: wait for the error the answer shows.
    error = page.locator("main form .alert-danger, main form .invalid-feedback").first
    expect(error).to_have_text(expected, use_inner_text=True)
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))


@pytest.mark.parametrize("viewport", [PHONE])
def test_the_union_home_page_fits_a_phone(page, login, world):
    login(page, world.user_a)
    page.screenshot(path=str(result_path("union-home-phone", ".png")), full_page=True)

    # The menu collapses behind the toggler and nothing scrolls sideways.
    expect(page.locator(".navbar-toggler")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_test_id("work-card").first).to_be_visible()
