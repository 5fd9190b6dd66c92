"""Who is a candidate for a year's honours (awards.selectors.candidates)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from awards.selectors import NOT_ALL_YEAR, OVERDUE, REVOKED, TOO_FEW_QUARTERS, candidates
from inspections.models import Rectification
from stations.models import StationStatus, StationTransition
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, at, operating_station, scores


def _by_station(year=YEAR):
    return {c.station.pk: c for c in candidates(year, today=dt.date(YEAR + 1, 1, 15))}


def test_a_station_operating_all_year_with_published_scores_is_ranked(db):
    good = operating_station()
    scores(good, [90, 92, 94, 96])
    better = operating_station()
    scores(better, [99, 99, 99, 99])
    found = _by_station()
    assert found[better.pk].rank == 1 and found[good.pk].rank == 2
    assert str(found[good.pk].mean) == "93.00"
    assert [q.score for q in found[good.pk].quarters] == [90, 92, 94, 96]


def test_a_station_activated_during_the_year_is_left_out(db):
    late = operating_station(activated=at(YEAR, 3, 1))
    scores(late, [99, 99, 99])
    assert _by_station()[late.pk].exclusions == [NOT_ALL_YEAR]


def test_a_station_activated_on_the_first_of_january_counts_as_all_year(db):
    station = operating_station(activated=at(YEAR, 1, 1))
    scores(station, [95, 95, 95, 95])
    assert _by_station()[station.pk].eligible


def test_a_station_that_was_ever_revoked_is_left_out(db):
    # Revoked after the year ended: it operated all year, yet 取消资格 is final.
    station = operating_station(status=StationStatus.REVOKED)
    scores(station, [99, 99, 99, 99])
    StationTransition.objects.create(
        station=station, from_status=StationStatus.ACTIVE, to_status=StationStatus.REVOKED
    )
    candidate = {c.station.pk: c for c in candidates(YEAR)}[station.pk]
    assert REVOKED in candidate.exclusions


def test_a_station_revoked_during_the_year_is_not_even_operating_at_its_end(db):
    station = operating_station(status=StationStatus.REVOKED)
    scores(station, [99, 99])
    # The history is append-only (a trigger on PostgreSQL): write the row as of July.
    with mock.patch("django.utils.timezone.now", return_value=at(YEAR, 7, 1)):
        StationTransition.objects.create(
            station=station, from_status=StationStatus.ACTIVE, to_status=StationStatus.REVOKED
        )
    assert station.pk not in _by_station()


@pytest.fixture
def order(db):
    aid = make_user("aid-orders", Role.AID_CENTER)

    def make(station, deadline, closed_at=None):
        return Rectification.objects.create(
            station=station,
            union=station.union,
            district=station.district,
            opened_by=aid,
            deadline=deadline,
            status="closed" if closed_at else "open",
            closed_at=closed_at,
        )

    return make


def test_an_overdue_rectification_order_leaves_the_station_out(order):
    open_past = operating_station()
    scores(open_past, [99, 99, 99, 99])
    order(open_past, dt.date(YEAR, 5, 10))
    closed_late = operating_station()
    scores(closed_late, [99, 99, 99, 99])
    order(closed_late, dt.date(YEAR, 5, 10), closed_at=at(YEAR, 5, 20))
    on_time = operating_station()
    scores(on_time, [99, 99, 99, 99])
    order(on_time, dt.date(YEAR, 5, 10), closed_at=at(YEAR, 5, 9))
    found = _by_station()
    assert found[open_past.pk].exclusions == [OVERDUE]
    assert found[closed_late.pk].exclusions == [OVERDUE]
    assert found[on_time.pk].eligible and found[on_time.pk].orders == 1


def test_too_few_published_quarters_leave_the_station_out(db, settings):
    settings.AWARDS_MIN_QUARTERS = 3
    station = operating_station()
    scores(station, [99, 99])
    assert _by_station()[station.pk].exclusions == [TOO_FEW_QUARTERS]


def test_draft_assessments_are_not_read(db):
    station = operating_station()
    scores(station, [99, 99, 99, 99], status="draft")
    assert _by_station()[station.pk].exclusions == [TOO_FEW_QUARTERS]
