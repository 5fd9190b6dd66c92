from __future__ import annotations

import datetime as dt

import pytest

from stations.parsing import ParseError, parse_month_date


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("2018年10月", dt.date(2018, 10, 31)),
        ("2018年11月", dt.date(2018, 11, 30)),
        ("2018年10月31日", dt.date(2018, 10, 31)),
        ("2018-10-31", dt.date(2018, 10, 31)),
        ("2018.11", dt.date(2018, 11, 30)),
        ("2018/12/1", dt.date(2018, 12, 1)),
        ("2018-10", dt.date(2018, 10, 31)),
        ("2018年10月底", dt.date(2018, 10, 31)),
        ("2018年12月前", dt.date(2018, 12, 31)),
        ("２０１８年１０月", dt.date(2018, 10, 31)),
        ("2018-10-31 00:00:00", dt.date(2018, 10, 31)),
        ("20181031", dt.date(2018, 10, 31)),
        ("2019年", dt.date(2019, 12, 31)),
        (dt.datetime(2018, 10, 31, 0, 0), dt.date(2018, 10, 31)),
        (dt.date(2018, 9, 30), dt.date(2018, 9, 30)),
        (43404, dt.date(2018, 10, 31)),
        (2018.11, dt.date(2018, 11, 30)),
    ],
)
def test_it_reads_the_dates_clerks_write(typed, date):
    assert parse_month_date(typed) == date


def test_a_month_typed_into_a_number_cell_keeps_october():
    # "2018.10" typed into a General cell is stored as the number 2018.1.
    assert parse_month_date(2018.1) == dt.date(2018, 10, 31)
    assert parse_month_date(2018.01) == dt.date(2018, 1, 31)


@pytest.mark.parametrize(
    "typed", ["", None, "明年", "10月底", "2018年13月", "2018年2月30日", "2017年12月", "2101-01-01"]
)
def test_it_refuses_unknown_or_implausible_dates(typed):
    with pytest.raises(ParseError):
        parse_month_date(typed)
