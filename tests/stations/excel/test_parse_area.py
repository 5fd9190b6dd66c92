from __future__ import annotations

from decimal import Decimal

import pytest

from stations.parsing import ParseError, parse_area


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("3", "3"),
        ("3.5", "3.5"),
        ("3㎡", "3"),
        ("3m2", "3"),
        ("3M²", "3"),
        ("3 m²", "3"),
        ("3平方米", "3"),
        ("约4平方米", "4"),
        ("4平米", "4"),
        ("3平方米左右", "3"),
        ("３.５平方米", "3.5"),
        (3, "3"),
        (3.5, "3.5"),
        (Decimal("12.25"), "12.3"),
    ],
)
def test_it_reads_areas_as_clerks_write_them(typed, area):
    assert parse_area(typed) == Decimal(area)


@pytest.mark.parametrize(
    "typed", ["0", 0, "-3", -3.0, "10000", 12000, "三平方米", "3-4平方米", "", None]
)
def test_it_refuses_missing_zero_negative_absurd_or_unreadable_areas(typed):
    with pytest.raises(ParseError):
        parse_area(typed)


def test_it_keeps_one_decimal_place_like_the_registry():
    assert parse_area("2.25") == Decimal("2.3")
