from decimal import Decimal

from inspections.models import InspectionStatus

from .helpers import Q2_DAY, check, operating_station


def test_voided_checks_and_other_quarters_checks_are_left_out(world, run):
    station = operating_station(world.union_a)
    check(station, 88, by=world.inspector)
    check(station, 10, by=world.inspector, status=InspectionStatus.VOIDED)
    check(station, 20, by=world.inspector, when=Q2_DAY)
    _a, stations, _u = run()
    assert stations[station.pk].inspection_score == Decimal("88.00")
    assert stations[station.pk].independent_checks == 1


def test_a_station_without_a_check_has_no_score_and_no_rank(world, run):
    station = operating_station(world.union_a)
    check(station, 10, by=world.inspector, status=InspectionStatus.VOIDED)
    _a, stations, _u = run()
    row = stations[station.pk]
    assert (row.inspection_score, row.score, row.rank) == (None, None, None)
