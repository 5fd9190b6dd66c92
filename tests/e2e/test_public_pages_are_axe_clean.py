"""axe-core on every public page at phone and desktop widths: the home page, the directory,
a station's page at each stage a passer-by may meet (operating, approved but not open,
revoked), the feedback form and its thank-you page with the hotline, and the open-data page.
No serious or critical violation."""

from __future__ import annotations

import pytest

from stations.models import StationStatus
from tests.factories import OperatingStationFactory

from .conftest import assert_axe_clean, result_path

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _station(world, n: int, status: str, **fields):
    return OperatingStationFactory(
        filing=world.filing_a,
        host_unit=world.host_a,
        status=status,
        plaque_seq=n,
        latitude=31.2304 + n / 10000,
        longitude=121.4737,
        **fields,
    )


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "1280"])
def test_every_public_page_is_axe_clean(page, world, viewport):
    operating = _station(world, 401, StationStatus.ACTIVE, open_24h=True)
    approved = _station(world, 402, StationStatus.APPROVED)
    revoked = _station(world, 403, StationStatus.REVOKED)
    paths = [
        "/",
        "/stations/",
        "/stations/?open_now=1&near=31.2304,121.4737",
        f"/stations/{operating.plaque_number}/",
        f"/stations/{approved.plaque_number}/",
        f"/stations/{revoked.plaque_number}/",
        f"/stations/{operating.plaque_number}/feedback/",
        f"/stations/{revoked.plaque_number}/feedback/",
        "/api/v1/",
    ]
    failures = []
    for path in paths:
        page.goto(path)
        failures += _check(page, viewport, path)

    # The thank-you page a serious complaint leads to, with the hotline.
    page.goto(f"/stations/{operating.plaque_number}/feedback/")
    page.locator("label[for=rating-1]").click()
    page.get_by_label("被拒绝进入").check()
    page.get_by_test_id("feedback-submit").click()
    page.get_by_test_id("serious-hotline").wait_for()
    failures += _check(page, viewport, "feedback-thanks")
    assert not failures, "\n".join(failures)


def _check(page, viewport, name) -> list[str]:
    try:
        assert_axe_clean(page)
    except AssertionError as exc:
        page.screenshot(
            path=str(result_path(f"axe_{viewport['width']}_{name}", ".png")), full_page=True
        )
        return [str(exc)]
    return []
