from decimal import Decimal

from inspections.models import InspectionKind

from .helpers import check, operating_station


def test_the_inspection_score_weighs_independent_checks_twice(world, run, settings):
    settings.ASSESSMENT_INDEPENDENT_WEIGHT = 2
    settings.ASSESSMENT_SELF_WEIGHT = 1
    station = operating_station(world.union_a)
    check(station, 90, kind=InspectionKind.FLYING, by=world.inspector)
    check(station, 80, kind=InspectionKind.PEER_REVIEW, by=world.inspector)
    check(station, 50, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    _a, stations, _u = run()
    row = stations[station.pk]
    # (2×90 + 2×80 + 1×50) / 5 = 78
    assert row.inspection_score == Decimal("78.00")
    assert (row.independent_checks, row.self_checks) == (2, 1)


def test_the_weights_used_are_stored_on_the_assessment(world, run, settings):
    settings.ASSESSMENT_INDEPENDENT_WEIGHT = 3
    station = operating_station(world.union_a)
    check(station, 100, by=world.inspector)
    check(station, 60, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    assessment, stations, _u = run()
    assert stations[station.pk].inspection_score == Decimal("90.00")  # (300 + 60) / 4
    assert assessment.parameters["independent_weight"] == 3
    assert assessment.parameters["self_weight"] == 1
