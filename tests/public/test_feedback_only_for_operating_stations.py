"""Only an operating station takes feedback; a recalled or not yet opened plaque's form says
so plainly, and a post to it records nothing."""

from __future__ import annotations

import pytest

from stations.models import Feedback, StationStatus

from .feedback_helpers import phone, rate


@pytest.mark.parametrize(
    "status", [StationStatus.APPROVED, StationStatus.REVOKED, StationStatus.CLOSED]
)
def test_a_station_not_operating_takes_no_feedback(public_station, status):
    station = public_station(status=status)

    page = phone().get(f"/stations/{station.plaque_number}/feedback/")
    posted = rate(phone(), station)

    assert page.status_code == 200
    assert 'data-testid="feedback-closed"' in page.content.decode()
    assert 'data-testid="feedback-form"' not in page.content.decode()
    assert posted.status_code == 200 and not Feedback.objects.exists()


def test_a_draft_or_unknown_plaque_is_not_found(world):
    assert phone().get("/stations/SH99999/feedback/").status_code == 404


def test_a_rectifying_station_still_takes_feedback(public_station):
    station = public_station(status=StationStatus.RECTIFYING)

    assert rate(phone(), station).status_code == 200
    assert Feedback.objects.filter(station=station).exists()


def test_a_rating_outside_one_to_five_is_refused_in_chinese(public_station):
    response = rate(phone(), public_station(), rating=9)

    assert not Feedback.objects.exists()
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
