""" "Operating" has one definition per question (stations/models/operating.py), tried at its
boundaries with hand-picked instants in the city's time (Asia/Shanghai, UTC+8)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from stations.models import Station, StationStatus, StationTransition
from tests.factories import StationFactory

ZONE = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no summer time since 1991


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZONE)


def station(activated, status=StationStatus.ACTIVE, ended=None, to=StationStatus.REVOKED):
    made = StationFactory(status=status, activated_at=activated)
    if ended is not None:
        # The history is append-only (a trigger on PostgreSQL): its time is the clock's.
        with mock.patch("django.utils.timezone.now", return_value=ended):
            StationTransition.objects.create(
                station=made, from_status=StationStatus.ACTIVE, to_status=to
            )
    return made


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.fixture
def year_2025(db):
    """Stations around the edges of 2025."""
    return {
        # Activated during 1 January: operated the whole year (a station opens in the day).
        "first_day": station(at(2025, 1, 1, 16, 0)),
        # Activated at 00:30 on 2 January (16:30 on 1 January in UTC): not the whole year.
        "second_day": station(at(2025, 1, 2, 0, 30)),
        "last_day": station(at(2025, 12, 31, 10, 0)),
        "before": station(at(2024, 6, 1, 9, 0)),
        # Revoked on 1 January at 10:00: it operated in the year, not the whole of it.
        "revoked_first_day": station(
            at(2024, 6, 1, 9), StationStatus.REVOKED, ended=at(2025, 1, 1, 10)
        ),
        # Closed at 23:30 on 31 December: not operating when the year ended.
        "closed_last_day": station(
            at(2024, 6, 1, 9), StationStatus.CLOSED, ended=at(2025, 12, 31, 23, 30), to="closed"
        ),
        # Revoked at 00:30 on 1 January 2026 (16:30 on 31 December in UTC): it operated
        # the whole of 2025.
        "revoked_next_year": station(
            at(2024, 6, 1, 9), StationStatus.REVOKED, ended=at(2026, 1, 1, 0, 30)
        ),
        # Revoked the day before the year began.
        "revoked_before": station(
            at(2024, 6, 1, 9), StationStatus.REVOKED, ended=at(2024, 12, 31, 12)
        ),
        "rectifying": station(at(2024, 6, 1, 9), StationStatus.RECTIFYING),
        "never_activated": station(None, StationStatus.APPROVED),
        "activated_next_year": station(at(2026, 1, 1, 9)),
    }


def names(stations: dict, queryset) -> set[str]:
    found = ids(queryset)
    return {name for name, s in stations.items() if s.pk in found}


def test_operated_all_year_counts_activation_during_1_january_and_operation_to_31_december_end(
    year_2025,
):
    assert names(year_2025, Station.objects.operated_all_year(2025)) == {
        "first_day",
        "before",
        "revoked_next_year",
        "rectifying",
    }


def test_operating_on_a_day_means_still_operating_when_the_day_ended(year_2025):
    assert names(year_2025, Station.objects.operating_on(dt.date(2025, 12, 31))) == {
        "first_day",
        "second_day",
        "last_day",
        "before",
        "revoked_next_year",
        "rectifying",
    }
    # On 1 January: the station revoked at 10:00 no longer operated when the day ended;
    # the one activated at 16:00 did.
    assert names(year_2025, Station.objects.operating_on(dt.date(2025, 1, 1))) == {
        "first_day",
        "before",
        "closed_last_day",
        "revoked_next_year",
        "rectifying",
    }


def test_operated_during_a_period_counts_a_station_revoked_on_its_first_day_and_one_activated_on_its_last(
    year_2025,
):
    start, end = at(2025, 1, 1), at(2025, 4, 1)  # 2025 Q1
    assert names(year_2025, Station.objects.operated_during(start, end)) == {
        "first_day",
        "second_day",
        "before",
        "revoked_first_day",
        "closed_last_day",
        "revoked_next_year",
        "rectifying",
    }
    # The fourth quarter: activated at 10:00 on its last day still operated in it.
    q4 = Station.objects.operated_during(at(2025, 10, 1), at(2026, 1, 1))
    assert "last_day" in names(year_2025, q4)
    assert "revoked_first_day" not in names(year_2025, q4)


def test_operating_now_is_the_status_and_agrees_with_today_read_from_history(db):
    today = timezone.localdate()
    long_ago = at(2020, 1, 1, 9)
    active = station(long_ago)
    rectifying = station(long_ago, StationStatus.RECTIFYING)
    revoked = station(long_ago, StationStatus.REVOKED, ended=at(2021, 1, 1, 9))
    approved = station(None, StationStatus.APPROVED)
    now = ids(Station.objects.operating_now())
    assert now == {active.pk, rectifying.pk}
    assert now == ids(Station.objects.operating_on(today))
    assert revoked.pk not in now and approved.pk not in now
    # The public list is the same question under the directory's name.
    assert ids(Station.objects.public()) == now
