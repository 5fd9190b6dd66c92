"""The aid center computes a quarter, reviews the draft and publishes it; a worker reads the
rankings on a 390 px phone, charts drawn from the vendored library."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.assessment.helpers import check, operating_station

from .conftest import result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def viewport():
    return PHONE_390


@pytest.fixture(autouse=True)
def _tasks_in_process(monkeypatch):
    # No Celery worker runs for this test: the computation and the reports run in-process.
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_the_aid_center_publishes_a_quarter_and_the_public_reads_it(page, login, world):
    stations = []
    for i, union in enumerate((world.union_a, world.union_b, world.union_a)):
        station = operating_station(union)
        check(station, 95 - i * 9, by=world.inspector)
        stations.append(station)

    # Not published yet: the quarter's public page does not exist.
    assert page.goto("/rankings/2025/q1/").status == 404

    login(page, world.aid)
    page.goto("/staff/inspections/assessments/")
    page.fill("#id_year", "2025")
    page.select_option("#id_quarter", "1")
    page.click('[data-testid="assessment-run"] button[type=submit]')
    page.click('[data-testid="assessment-row"] a')
    # The button asks the question of its ASSESSMENT_ACTIONS row before it publishes.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click('[data-testid="publish-form"] button[type=submit]')
    # Published once the page answering the post offers no publishing: only then may the
    # public page be asked for (a navigation started now would cut the post short).
    expect(page.get_by_test_id("publish-form")).to_have_count(0)

    page.goto("/rankings/")
    page.wait_for_selector("#chart-districts")
    page.wait_for_function("document.querySelector('#chart-histogram').width > 0")
    page.screenshot(path=str(result_path("rankings_phone", ".png")), full_page=True)
    rows = page.locator('[data-testid="rankings-stations"] tbody tr')
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(stations[0].name, use_inner_text=True)
    link = rows.nth(0).locator("a")
    expect(link).to_have_attribute("href", f"/stations/{stations[0].plaque_number}/")
    # Readable on the phone: the page does not scroll sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
