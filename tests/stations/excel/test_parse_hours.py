from __future__ import annotations

import pytest

from stations.parsing import ParseError, parse_hours

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
WEEKDAYS = [0, 1, 2, 3, 4]


def slot(days, start, end):
    return {"days": days, "start": start, "end": end}


@pytest.mark.parametrize(
    "typed",
    [
        "9:00-17:00",
        "9：00—17：00",
        "9:00——17:00",
        "9:00~17:00",
        "９:００－１７:００",
        "9:00至17:00",
        "上午9:00—下午5:00",
        "上午9点-下午5点",
        "9点到17点",
        "9:00 - 17:00",
        "9-17",
        "每天 9:00-17:00",
        "每日9:00-17:00",
    ],
)
def test_a_range_without_days_is_every_day(typed):
    assert parse_hours(typed) == ([slot(EVERY_DAY, "09:00", "17:00")], False)


@pytest.mark.parametrize(
    "typed", ["00:00-24:00", "0:00-24:00", "24小时", "全天", "全天候", "7天24小时"]
)
def test_round_the_clock_sets_open_24h(typed):
    assert parse_hours(typed) == ([slot(EVERY_DAY, "00:00", "24:00")], True)


def test_afternoon_and_evening_add_twelve_hours():
    assert parse_hours("下午1:30-晚上9:00") == ([slot(EVERY_DAY, "13:30", "21:00")], False)


def test_half_past_is_read_from_dian_ban():
    assert parse_hours("8点半-17点半") == ([slot(EVERY_DAY, "08:30", "17:30")], False)


def test_days_in_brackets_after_the_range_qualify_it():
    assert parse_hours("9:00-17:00（周一至周五）") == ([slot(WEEKDAYS, "09:00", "17:00")], False)


def test_several_day_groups_separated_by_semicolons():
    assert parse_hours("周一至周五 9:00-17:00；周六 10:00-16:00") == (
        [slot(WEEKDAYS, "09:00", "17:00"), slot([5], "10:00", "16:00")],
        False,
    )


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("工作日 9:00-17:00", WEEKDAYS),
        ("周末 9:00-17:00", [5, 6]),
        ("星期一到星期六 9:00-17:00", [0, 1, 2, 3, 4, 5]),
        ("周一、三、五 9:00-17:00", [0, 2, 4]),
        ("周六日 9:00-17:00", [5, 6]),
    ],
)
def test_day_words_name_their_days(typed, days):
    assert parse_hours(typed) == ([slot(days, "09:00", "17:00")], False)


def test_a_closing_day_is_left_out_of_the_every_day_range():
    assert parse_hours("9:00-17:00，周日休息") == (
        [slot([0, 1, 2, 3, 4, 5], "09:00", "17:00")],
        False,
    )


def test_a_lunch_break_keeps_the_days_of_its_group():
    assert parse_hours("周一至周五 9:00-12:00，13:00-17:00") == (
        [slot(WEEKDAYS, "09:00", "12:00"), slot(WEEKDAYS, "13:00", "17:00")],
        False,
    )


def test_a_range_past_midnight_is_one_overnight_slot():
    slots, open_24h = parse_hours("18:00-次日2:00")
    assert slots == [slot(EVERY_DAY, "18:00", "02:00")]
    assert open_24h is False


@pytest.mark.parametrize(
    "typed", ["", None, "随时", "看情况", "25:00-26:00", "9:70-17:00", "9:00-9:00"]
)
def test_it_refuses_what_it_cannot_read(typed):
    with pytest.raises(ParseError):
        parse_hours(typed)
