"""Issue 21, item 5: a station's public page shows a check's day, score and red line only
once its appeal window has closed without an appeal, or its appeal is decided — then as
decided. Until then it says 检查结果复核中, with the day only (APPEAL_DAYS = 14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from inspections.orders.services.appeals import appeal_decide
from tests.assessment.helpers import appeal, check, red_line_check

pytestmark = pytest.mark.django_db

VISIT = dt.datetime(2026, 11, 20, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def _fresh_pages(settings):
    # Each visit renders the page anew (the kept copy would hold the earlier answer a minute).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


def _check_line(station, on: dt.datetime) -> str:
    with mock.patch("django.utils.timezone.now", return_value=on):
        page = Client().get(f"/stations/{station.plaque_number}/").content.decode()
    return page.split('data-testid="last-check"')[1].split("</p>")[0]


def _day(n: int) -> dt.datetime:
    return VISIT + dt.timedelta(days=n)


def test_a_check_is_under_review_until_its_window_closes(world, public_station):
    station = public_station()
    red_line_check(station, 58, by=world.inspector, when=VISIT)
    line = _check_line(station, _day(3))
    assert "检查结果复核中" in line and "2026-11-20" in line
    assert "58" not in line and "严重问题" not in line and 'data-red-line="no"' in line
    # Appealable until 4 December (20 November + 14): still under review on that day.
    assert "检查结果复核中" in _check_line(station, _day(14))
    line = _check_line(station, _day(15))
    assert "58.0 分" in line and "严重问题" in line and "铭牌在室外醒目位置悬挂" in line


def test_an_appealed_check_stays_hidden_until_decided_then_shows_as_decided(world, public_station):
    station = public_station()
    contested = red_line_check(station, 58, by=world.inspector, when=VISIT)
    with mock.patch("django.utils.timezone.now", return_value=_day(3)):
        pending = appeal(contested, by=world.user_a)
    # The window closed long ago, but the appeal is open: still under review.
    line = _check_line(station, _day(40))
    assert "检查结果复核中" in line and "58" not in line
    with mock.patch("django.utils.timezone.now", return_value=_day(41)):
        appeal_decide(
            appeal=pending,
            by=world.aid,
            upheld=True,
            decision="部分成立：服务项目得分改为75分。",
            amended_score=Decimal("75"),
        )
    # Upheld in part: shown with the amended score; the red line stands.
    line = _check_line(station, _day(41))
    assert "75.0 分" in line and "58" not in line and "严重问题" in line


def test_a_check_voided_on_appeal_gives_way_to_the_check_before(world, public_station):
    station = public_station()
    check(station, 91, by=world.inspector, when=_day(-30))
    contested = red_line_check(station, 40, by=world.inspector, when=VISIT)
    pending = appeal(contested, by=world.user_a)
    line = _check_line(station, _day(5))
    assert "检查结果复核中" in line and "2026-11-20" in line and "91" not in line
    appeal_decide(appeal=pending, by=world.aid, upheld=True, decision="当日停电，检查作废。")
    line = _check_line(station, _day(6))
    assert "91.0 分" in line and "2026-10-21" in line and "严重问题" not in line
