"""The rankings' distribution counts each station in the tenth of the scale its score falls
in as shown (rounded half up to two places: ``numbers.shown``), 100 in the last: a score
held as 9.995 is shown 10.00 and counted in 10–20, 9.994 in 0–10. The database groups the
scores by bin in one pass (issue 26); the bins must be those the shown scores name."""

from __future__ import annotations

from decimal import Decimal

from inspections.assessment.selectors import rankings
from inspections.models import AssessmentStatus, QuarterlyAssessment, StationQuarterScore
from inspections.numbers import shown

from .helpers import operating_station

SCORES = [
    "0",
    "9.994",
    "9.995",
    "10",
    "19.9949999999",
    "59.995",
    "60",
    "89.9999999999",
    "90",
    "99.995",
    "100",
    None,
]


def test_each_score_is_counted_in_the_bin_of_its_shown_value(world):
    assessment = QuarterlyAssessment.objects.create(
        year=2025, quarter=1, status=AssessmentStatus.PUBLISHED
    )
    for held in SCORES:
        station = operating_station(world.union_a)
        StationQuarterScore.objects.create(
            assessment=assessment,
            station=station,
            union=world.union_a,
            district=station.district,
            audience="all",
            independent_checks=0 if held is None else 1,
            timeliness=Decimal(100),
            score=None if held is None else Decimal(held),
        )
    expected = [0] * rankings.BINS
    for held in SCORES:
        if held is not None:
            expected[min(int(shown(held) // 10), rankings.BINS - 1)] += 1

    bins = rankings.histogram(rankings.station_rows(assessment))

    assert [b["count"] for b in bins] == expected == [2, 3, 0, 0, 0, 0, 2, 0, 0, 4]
    assert [(b["low"], b["high"]) for b in bins][-1] == (90, 100)
