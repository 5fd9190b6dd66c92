"""Issue 21, item 1: the quarterly inspection score is the supervision team's. It replaces
the earlier rule (independent checks weighed twice a self-check, peer reviews and acceptance
checks counting as independent): only flying inspections and undercover visits count now;
self-checks and peer reviews are the union's own evaluation, counted and averaged beside the
score; acceptance checks belong to approval."""

from decimal import Decimal

from inspections.models import InspectionKind

from .helpers import check, operating_station


def test_the_inspection_score_is_the_mean_of_flying_and_undercover_checks_only(world, run):
    station = operating_station(world.union_a)
    check(station, 90, kind=InspectionKind.FLYING, by=world.inspector)
    check(station, 70, kind=InspectionKind.UNDERCOVER, by=world.inspector)
    check(station, 80, kind=InspectionKind.PEER_REVIEW, by=world.user_b)
    check(station, 50, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    check(station, 100, kind=InspectionKind.ACCEPTANCE, by=world.inspector)
    _a, stations, _u = run()
    row = stations[station.pk]
    # (90 + 70) / 2 = 80: the peer review, the self-check and the acceptance do not count
    # (under the old weights it was (2×90 + 2×70 + 2×80 + 2×100 + 50) / 9 = 78.89).
    assert row.inspection_score == Decimal("80")
    assert row.independent_checks == 2
    # Beside the score, never in it: the union's own evaluation.
    assert (row.self_checks, row.self_mean) == (1, Decimal("50"))
    assert (row.peer_reviews, row.peer_mean) == (1, Decimal("80"))
    assert row.self_gap == Decimal("-30")  # 50 − 80


def test_the_parameters_stored_say_which_checks_count_and_the_red_line_cap(world, run, settings):
    settings.ASSESSMENT_RED_LINE_CAP = 55
    station = operating_station(world.union_a)
    check(station, 100, by=world.inspector)
    check(station, 60, kind=InspectionKind.SELF_CHECK, by=world.user_a)
    assessment, stations, _u = run()
    # Only the flying check: the self-check is not in the score (it was (300 + 60) / 4 = 90
    # at an independent weight of 3).
    assert stations[station.pk].inspection_score == Decimal("100")
    assert assessment.parameters["scored_kinds"] == ["flying", "undercover"]
    assert assessment.parameters["red_line_cap"] == 55
    # The old weights are gone from the parameters: they no longer describe the score.
    assert "independent_weight" not in assessment.parameters
    assert "self_weight" not in assessment.parameters
