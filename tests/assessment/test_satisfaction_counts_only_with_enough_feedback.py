from decimal import Decimal

from stations.models.feedback import FeedbackStatus

from .helpers import check, feedback, operating_station


def test_satisfaction_is_the_mean_rating_on_a_0_to_100_scale(world, run, settings):
    settings.ASSESSMENT_MIN_FEEDBACK = 3
    station = operating_station(world.union_a)
    check(station, 80, by=world.inspector)
    feedback(station, 5, 4, 3)
    _a, stations, _u = run()
    row = stations[station.pk]
    assert row.feedback_count == 3
    assert row.satisfaction == Decimal("75.00")  # mean 4 → (4 − 1) × 25
    # (70×80 + 20×75 + 10×100) / 100
    assert row.score == Decimal("81.00")


def test_too_little_feedback_leaves_satisfaction_out_and_renormalises(world, run, settings):
    settings.ASSESSMENT_MIN_FEEDBACK = 3
    station = operating_station(world.union_a)
    check(station, 80, by=world.inspector)
    feedback(station, 1, 1)
    feedback(station, 1, status=FeedbackStatus.HIDDEN)  # hidden feedback is not counted
    _a, stations, _u = run()
    row = stations[station.pk]
    assert row.feedback_count == 2
    assert row.satisfaction is None
    # (70×80 + 10×100) / 80 = 82.5
    assert row.score == Decimal("82.50")


def test_feedback_held_for_moderation_counts_for_nothing_until_released(world, run, settings):
    settings.ASSESSMENT_MIN_FEEDBACK = 3
    station = operating_station(world.union_a)
    check(station, 80, by=world.inspector)
    feedback(station, 5, 5, 5)
    feedback(station, 1, 1, 1, 1, status=FeedbackStatus.HELD)  # a burst, held
    _a, stations, _u = run()
    row = stations[station.pk]
    assert row.feedback_count == 3
    assert row.satisfaction == Decimal("100.00")  # mean 5 → (5 − 1) × 25
