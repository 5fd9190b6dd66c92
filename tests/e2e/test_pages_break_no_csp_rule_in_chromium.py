"""Chromium reports no Content-Security-Policy violation on the public pages (the map, the
directory, a station page) or the staff pages (the home page, a station with its documents
panel polling for a PDF, the admin): the strict policy and the pages agree."""

from __future__ import annotations

import pytest

from stations.models import StationStatus
from tests.factories import StationFactory

pytestmark = pytest.mark.e2e


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_public_and_staff_pages_break_no_csp_rule(page, login, world, tasks_in_process):
    # The pledge is rendered in this process (the live server's thread) in both passes: in
    # the services pass no worker serves this test's database.
    station = StationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=StationStatus.ACTIVE,
        plaque_number="SH00042",
        plaque_seq=42,
        open_24h=True,
    )
    violations = _watch(page)

    for path in (
        "/",
        "/stations/",
        "/stations/?near=31.23,121.47",
        "/stations/SH00042/",
        "/api/v1/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")

    login(page, world.aid)
    page.goto(f"/staff/stations/{station.pk}/")
    # The panel's script posts the request and polls the status as JSON (connect-src).
    page.locator("[data-testid=make-pledge]").click()
    page.locator("[data-testid=download-pledge]").wait_for()
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_the_admin_breaks_no_csp_rule(page, login, world):
    violations = _watch(page)
    login(page, world.admin)

    for path in ("/admin/", "/admin/history/recordchange/", "/admin/stations/station/"):
        assert page.goto(path).status == 200, path
        page.wait_for_load_state("networkidle")

    assert violations == []
