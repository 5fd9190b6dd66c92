"""Issue 12: a station's public page shows the last check's date and result. Only a check by
the supervision team counts, never a voided one; since issue 21 its score only once its
appeal window (APPEAL_DAYS, 14) has closed: these checks are older than that."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from inspections.models import InspectionKind, InspectionStatus

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def _page(station) -> str:
    return Client().get(f"/stations/{station.plaque_number}/").content.decode()


def test_an_unchecked_station_says_so(world):
    station = operating_station(world.union_a)
    page = _page(station)
    assert 'data-testid="last-check"' in page and "尚未检查" in page


def test_the_latest_independent_check_is_shown_with_its_day_and_score(world):
    station = operating_station(world.union_a)
    inspection(station, world.inspector, score="71.5", days=30)
    latest = inspection(
        station, world.inspector, kind=InspectionKind.UNDERCOVER, score="93.25", days=15
    )
    # Newer, but not independent or not counted: a self-check and a voided flying check.
    inspection(station, world.user_a, kind=InspectionKind.SELF_CHECK, score="100", days=0)
    voided = inspection(station, world.inspector, score="10", days=0)
    voided.status = InspectionStatus.VOIDED
    voided.save()

    page = _page(station)
    day = timezone.localtime(latest.visited_at).date().isoformat()
    assert f'data-day="{day}"' in page
    assert "93.2 分" in page or "93.3 分" in page
    assert 'data-red-line="no"' in page
    assert "100.0 分" not in page and "10.0 分" not in page


def test_a_red_line_finding_is_said_plainly(world):
    station = operating_station(world.union_a)
    inspection(station, world.inspector, score="55", red_line=True, days=15)
    page = _page(station)
    assert 'data-red-line="yes"' in page and "发现严重问题" in page
