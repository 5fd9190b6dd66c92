"""How many excellent stations a year may have: 5%–8% of its operating stations."""

from __future__ import annotations

import pytest

from awards.rules import Bounds, award_bounds


@pytest.mark.parametrize(
    ("operating", "expected"),
    [
        (0, Bounds(0, 0)),
        # No whole number between 0.5 and 0.8: the 8% ceiling, but at least one.
        (10, Bounds(1, 1, fallback=True)),
        # ceil(0.7) = 1, floor(1.12) = 1: exactly one, inside the range.
        (14, Bounds(1, 1)),
        (20, Bounds(1, 1)),
        # ceil(1.05) = 2 > floor(1.68) = 1: the ceiling wins, one.
        (21, Bounds(1, 1, fallback=True)),
        (25, Bounds(2, 2)),
        (100, Bounds(5, 8)),
        # ceil(58.5) = 59, floor(93.6) = 93.
        (1_170, Bounds(59, 93)),
        (200_000, Bounds(10_000, 16_000)),
        # Integer arithmetic: no float error at the edges.
        (200_001, Bounds(10_001, 16_000)),
    ],
)
def test_the_bounds_round_inwards_with_one_station_as_the_floor(operating, expected):
    assert award_bounds(operating) == expected


def test_from_thirty_four_stations_the_range_always_holds_a_whole_number():
    for n in range(34, 5_000):
        bounds = award_bounds(n)
        assert not bounds.fallback
        assert bounds.lower * 100 >= 5 * n and bounds.upper * 100 <= 8 * n
