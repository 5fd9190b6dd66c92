"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's own browser download is never used (no `playwright install`): the Makefile
installs Debian's `chromium`, and a missing binary fails the run instead of skipping it.

A test checks a state of the page with Playwright's auto-retrying assertions
(``expect(locator).to_have_text(...)``, ``to_be_visible()``, ``expect(page).to_have_url``),
never with a value read once (``assert ... in locator.inner_text()``): a page that has not
got there yet under load fails the read, not the wait. test_browser_tests_wait_for_states.py
holds every test here to it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import expect

from tests.factories import PASSWORD

# Playwright's sync API runs an asyncio loop in the test thread; Django refuses ORM calls
# from a thread with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
RESULTS = Path(settings.BASE_DIR) / "test-results"
# Long enough for a cold first page (template compilation), short enough to fail fast.
TIMEOUT_MS = 15_000
# expect(...) waits as long as an action does (its own default is 5 s): on a loaded
# machine a state may take longer than that to arrive, and a wait costs nothing when it is
# already there.
expect.set_options(timeout=TIMEOUT_MS)


def result_path(name: str, suffix: str) -> Path:
    """Where a test's screenshot or page dump goes: test-results/<test-name><suffix>."""
    RESULTS.mkdir(exist_ok=True)
    return RESULTS / f"{re.sub(r'[^0-9A-Za-z_.-]+', '_', name).strip('_')}{suffix}"


def _keep_serialized_contents(start: Callable[[], object]) -> object:
    """Run ``start`` and hand the test database snapshot to the connections that follow it.

    While Playwright's loop runs in this thread, asgiref gives Django's thread-critical
    connection handler a fresh, context-local set of connection objects. The snapshot that
    serialized rollback restores from lives on the old ones, so copy it across.
    """
    snapshot = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    started = start()
    for alias, contents in snapshot.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents
    return started


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium "
            "package. Run `make test`, which installs it (never `playwright install`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    playwright = _keep_serialized_contents(lambda: sync_playwright().start())
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def viewport() -> dict[str, int]:
    """Override per test with ``@pytest.mark.parametrize("viewport", [PHONE])``."""
    return DESKTOP


@pytest.fixture
def page(browser, viewport, live_server, django_db_serialized_rollback) -> Iterator:
    # Serialized rollback: the live server needs a transactional database, whose flush
    # after each test would also wipe the unions loaded by the data migration.
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def fill_login_form(page, username: str, password: str) -> None:
    """Post the login form. The caller waits for the answer it expects (the home page's
    address, the error): the click returns before it, and the page is still the form."""
    page.goto("/accounts/login/")
    form = page.locator("main form[method=post]")
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(password)
    form.locator("button[type=submit]").click()


@pytest.fixture
def login() -> Callable:
    """``login(page, user)``: sign in through the real login form and land on /staff/."""

    def sign_in(page, user, password: str = PASSWORD) -> None:
        fill_login_form(page, user.username, password)
        page.wait_for_url("**/staff/")

    return sign_in


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = item.funcargs.get("page")
    if page is None or page.is_closed():
        return
    # Best effort: a broken page must not hide the test's own failure.
    try:
        page.screenshot(path=str(result_path(item.name, ".png")), full_page=True)
        result_path(item.name, ".html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # noqa: BLE001
        report.sections.append(("e2e artefacts", f"could not save screenshot: {exc}"))


# axe-core from the npm registry, installed by `make install` (tests/e2e/package.json).
AXE = Path(settings.BASE_DIR) / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now.

    The script is evaluated through the DevTools protocol, not added as a <script>, so the
    coming strict CSP does not stop the check."""
    if not AXE.is_file():
        pytest.fail(
            f"{AXE} is missing: run `make e2e-tools` (npm ci in tests/e2e; `make test` does it).",
            pytrace=False,
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in result["violations"] if v["impact"] in SERIOUS]


def assert_axe_clean(page) -> None:
    found = axe_violations(page)
    assert not found, f"{page.url}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in found
    )


@pytest.fixture
def own_profile(browser, live_server, django_db_serialized_rollback, tmp_path) -> Iterator:
    """Open a Chromium of its own, with an on-disk profile, for a service-worker test.

    The session's browser gives each test an incognito-like context; their Cache Storage
    is kept in memory from one pool, and in a full run a service-worker test found the pages
    its worker had just stored gone (passing alone). A profile on disk of its own holds them
    like a phone does, and no earlier test can reach it."""
    opened = []

    def open_context(**options):
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / f"profile-{len(opened)}"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            base_url=live_server.url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            service_workers="allow",
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


def wait_until(page, predicate: str, arg=None, timeout_ms: int = TIMEOUT_MS) -> None:
    """Until ``predicate`` (JavaScript, may be async) answers true in the page.

    Not ``page.wait_for_function``: it does not await a promise, and an async function's
    promise is truthy, so such a wait returned at once whatever it asked (the cause of the
    "pages gone from Cache Storage" of the offline tests: they had never been saved yet)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {predicate[:80]}")
        page.wait_for_timeout(100)


def lose_signal(context) -> None:
    """No network for the pages nor for their service worker.

    Playwright applies ``set_offline`` to a service worker through the worker's own
    DevTools session, which it attaches when the worker starts; a worker Chromium starts
    (or restarts after idling) for the very navigation under test can fetch before that
    setting reaches it (microsoft/playwright#2311), and the page then comes from the server
    as if the phone had signal. Aborting every request the context sees as well, the
    worker's included, leaves no such window."""
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))


def regain_signal(context) -> None:
    context.unroute("**/*")
    context.set_offline(False)
