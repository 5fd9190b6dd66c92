"""Plaque numbers: {PREFIX}{n:05d}, one city-wide sequence, unique, gap-free, never reused."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from stations.models import Station, StationStatus
from stations.services.lifecycle import station_approve
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import FilingFormFactory, StationFactory


def _submitted(world, n: int) -> list[Station]:
    stations = []
    for _ in range(n):
        station = StationFactory(filing=world.filing_a, status=StationStatus.SUBMITTED)
        acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
        stations.append(station)
    return stations


def test_numbers_follow_the_prefix_and_five_digits(world, settings):
    settings.PLAQUE_PREFIX = "SH"
    first, second = _submitted(world, 2)
    assert station_approve(station=first, by=world.aid).plaque_number == "SH00001"
    assert station_approve(station=second, by=world.aid).plaque_number == "SH00002"


def test_the_prefix_is_a_city_setting(world, settings):
    settings.PLAQUE_PREFIX = "HZ"
    (station,) = _submitted(world, 1)
    assert station_approve(station=station, by=world.aid).plaque_number == "HZ00001"


def test_a_rolled_back_approval_leaves_no_gap(world):
    first, second = _submitted(world, 2)

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        station_approve(station=first, by=world.aid)
        raise Abort
    first.refresh_from_db()
    assert first.plaque_number == ""
    assert station_approve(station=second, by=world.aid).plaque_seq == 1


def test_the_sequence_is_city_wide_across_unions(world):
    (a,) = _submitted(world, 1)
    other = StationFactory(
        filing=FilingFormFactory(union=world.union_b), status=StationStatus.SUBMITTED
    )
    acceptance_record(station=other, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    assert station_approve(station=a, by=world.aid).plaque_seq == 1
    assert station_approve(station=other, by=world.aid).plaque_seq == 2


@pytest.mark.services
# serialized_rollback: the flush after a transactional test would also wipe the unions and
# the plaque counter that migrations load, for every test after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_approvals_give_unique_gap_free_numbers(world):
    assert connection.vendor == "postgresql"
    stations = _submitted(world, 60)
    errors: list[BaseException] = []
    start = threading.Barrier(len(stations))

    def approve(station: Station) -> None:
        from django.db import connection as thread_connection

        try:
            start.wait(timeout=30)
            station_approve(station=station, by=world.aid)
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=approve, args=(s,)) for s in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    seqs = sorted(
        Station.objects.filter(status=StationStatus.APPROVED).values_list("plaque_seq", flat=True)
    )
    assert seqs == list(range(1, 61))
    numbers = set(Station.objects.exclude(plaque_number="").values_list("plaque_number", flat=True))
    assert len(numbers) == 60
