import datetime as dt
from unittest import mock

from stations.models import StationStatus, StationTransition

from .helpers import ZONE, check, operating_station


def test_stations_operating_in_the_quarter_are_assessed(world, run):
    operating = operating_station(world.union_a)
    later = operating_station(world.union_a, activated=dt.datetime(2025, 4, 2, tzinfo=ZONE))
    never = operating_station(world.union_a, status=StationStatus.APPROVED)
    never.activated_at = None
    never.save(update_fields=["activated_at"])
    rectifying = operating_station(world.union_a, status=StationStatus.RECTIFYING)
    for s in (operating, later, rectifying):
        check(s, 80, by=world.inspector)
    _a, rows, _u = run()
    assert set(rows) == {operating.pk, rectifying.pk}


def _revoked_at(station, when):
    # The history is append-only in the database, so its time is the clock's at insert.
    with mock.patch("django.utils.timezone.now", return_value=when):
        StationTransition.objects.create(
            station=station, from_status=StationStatus.ACTIVE, to_status=StationStatus.REVOKED
        )


def test_a_station_revoked_during_the_quarter_is_assessed_one_revoked_before_is_not(world, run):
    during = operating_station(world.union_a, status=StationStatus.REVOKED)
    before = operating_station(world.union_a, status=StationStatus.REVOKED)
    _revoked_at(during, dt.datetime(2025, 2, 1, tzinfo=ZONE))
    _revoked_at(before, dt.datetime(2024, 12, 1, tzinfo=ZONE))
    _a, rows, _u = run()
    assert during.pk in rows
    assert before.pk not in rows
