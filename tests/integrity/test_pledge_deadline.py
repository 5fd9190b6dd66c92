"""The pledge's hand-in deadline is computed in one place and read by every page and PDF."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from stations.models import Pledge, StationStatus
from tests.factories import OperatingStationFactory, StationFactory

_numbers = itertools.count(1200)


def _pledge(world, *, due_by, received_on=None):
    n = next(_numbers)
    station = OperatingStationFactory(
        filing=world.filing_a, status=StationStatus.APPROVED, plaque_seq=n
    )
    return Pledge.objects.create(
        station=station,
        union=world.union_a,
        pledging_unit="某银行",
        service_hours="9:00-17:00",
        head_name="李红",
        due_by=due_by,
        received_on=received_on,
    )


def test_the_deadline_counts_the_configured_days(settings):
    settings.PLEDGE_DUE_DAYS = 45
    assert Pledge.due_after(dt.date(2026, 1, 1)) == dt.date(2026, 2, 15)


def test_a_station_without_pledge_counts_from_its_approval(world, settings):
    settings.PLEDGE_DUE_DAYS = 30
    station = StationFactory(filing=world.filing_a, status=StationStatus.APPROVED)
    station.approved_at = timezone.make_aware(dt.datetime(2026, 3, 1, 10))
    assert Pledge.due_for(station) == dt.date(2026, 3, 31)


def test_overdue_lists_unreceived_pledges_past_their_date(world):
    today = timezone.localdate()
    late = _pledge(world, due_by=today - dt.timedelta(days=1))
    _pledge(world, due_by=today + dt.timedelta(days=1))
    _pledge(world, due_by=today - dt.timedelta(days=5), received_on=today)
    assert list(Pledge.objects.overdue()) == [late]
