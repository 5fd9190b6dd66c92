"""axe-core on the staff and public pages of the filing-to-plaque flow, at desktop and
phone widths: no serious or critical violations."""

from __future__ import annotations

import datetime as dt

import pytest

from stations.models import Pledge, StationStatus
from stations.services.lifecycle import station_approve, station_return
from stations.services.records import agreement_record, pledge_update
from stations.services.review import ALL_SIX
from tests.factories import StationFactory

from .conftest import PHONE, assert_axe_clean, result_path

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE_390 = {**PHONE, "width": 390}


@pytest.fixture
def flow(world):
    """A station at every step the walk meets: submitted, returned, approved, active."""
    acceptance = {"checked_on": dt.date(2018, 10, 15), **ALL_SIX}
    submitted = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
    )
    returned = StationFactory(
        filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
    )
    station_return(station=returned, by=world.aid, reason="请补充门牌号")
    approved = station_approve(
        station=StationFactory(
            filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
        ),
        by=world.aid,
        acceptance=acceptance,
    )
    active = station_approve(
        station=StationFactory(
            filing=world.filing_a, status=StationStatus.SUBMITTED, host_unit=world.host_a
        ),
        by=world.aid,
        acceptance=acceptance,
    )
    agreement_record(
        host_unit=world.host_a,
        stations=[active],
        by=world.aid,
        signatory_a="张行长",
        signed_on=dt.date(2018, 11, 1),
    )
    pledge_update(
        pledge=Pledge.objects.get(station=active),
        by=world.aid,
        pledged_on=dt.date(2018, 11, 1),
        received_on=dt.date(2018, 11, 5),
    )
    active.refresh_from_db()
    return {"submitted": submitted, "returned": returned, "approved": approved, "active": active}


def _pages(world, flow) -> dict[str, list[str]]:
    f = flow
    return {
        "anonymous": [
            "/",
            "/accounts/login/",
            f"/stations/{f['active'].plaque_number}/",
            f"/stations/{f['approved'].plaque_number}/",
            "/no-such-page/",
        ],
        "clerk": [
            "/staff/",
            "/staff/filings/",
            "/staff/filings/new/",
            f"/staff/filings/{world.filing_a.pk}/",
            f"/staff/filings/{world.filing_a.pk}/stations/add/",
            f"/staff/stations/{f['returned'].pk}/edit/",
            f"/staff/stations/{f['returned'].pk}/",
            "/staff/stations/",
        ],
        "officer": [
            "/staff/",
            "/staff/review/",
            f"/staff/stations/{f['submitted'].pk}/",
            f"/staff/stations/{f['submitted'].pk}/acceptance/",
            f"/staff/stations/{f['approved'].pk}/",
            f"/staff/stations/{f['approved'].pk}/agreement/",
            f"/staff/stations/{f['approved'].pk}/pledge/",
            f"/staff/stations/{f['active'].pk}/",
            f"/staff/filings/{world.filing_a.pk}/",
        ],
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["1280", "390"])
def test_every_page_of_the_walk_is_axe_clean(page, login, world, flow, viewport):
    users = {"anonymous": None, "clerk": world.user_a, "officer": world.aid}
    failures = []
    for who, paths in _pages(world, flow).items():
        page.context.clear_cookies()
        if users[who] is not None:
            login(page, users[who])
        for path in paths:
            page.goto(path)
            try:
                assert_axe_clean(page)
            except AssertionError as exc:
                name = f"axe_{viewport['width']}_{who}_{path}"
                page.screenshot(path=str(result_path(name, ".png")), full_page=True)
                failures.append(str(exc))
    assert not failures, "\n".join(failures)
