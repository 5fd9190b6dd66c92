import datetime as dt
from decimal import Decimal

from .helpers import check, operating_station, order


def test_timeliness_counts_orders_due_in_the_quarter(world, run):
    station = operating_station(world.union_a)
    check(station, 80, by=world.inspector)
    by = world.inspector
    order(station, by=by, deadline=dt.date(2025, 2, 20), closed_on=dt.date(2025, 2, 20))  # on time
    order(station, by=by, deadline=dt.date(2025, 3, 1), closed_on=dt.date(2025, 3, 2))  # late
    order(station, by=by, deadline=dt.date(2025, 3, 10))  # still open: late
    order(station, by=by, deadline=dt.date(2025, 3, 15), closed_on=dt.date(2025, 3, 1))  # early
    order(station, by=by, deadline=dt.date(2025, 4, 15))  # due next quarter: not counted
    _a, stations, _u = run()
    row = stations[station.pk]
    assert (row.rectifications, row.rectifications_late) == (4, 2)
    assert row.timeliness == Decimal("50.00")
    # (70×80 + 10×50) / 80 = 76.25
    assert row.score == Decimal("76.25")


def test_a_station_without_orders_is_fully_timely(world, run):
    station = operating_station(world.union_a)
    check(station, 80, by=world.inspector)
    _a, stations, _u = run()
    assert stations[station.pk].timeliness == Decimal("100.00")
    assert stations[station.pk].score == Decimal("82.50")
