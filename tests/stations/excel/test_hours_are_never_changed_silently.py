"""Opening hours are read as written or refused: no ignored text, no moved end (issue 7, §4).

Properties (hypothesis): formatting slots then parsing the text gives the same slots, and
nothing with unread text in it is accepted.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stations.parsing import ParseError, format_hours, parse_hours
from stations.parsing.hours import open_at

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


def slot(days, start, end):
    return {"days": days, "start": start, "end": end}


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


@pytest.mark.parametrize(
    "typed",
    ["9:00-17:00 abc", "9:00-17:00 看情况", "9:00-17:00，12:00-13:00休息", "周一至周五", "9:00-"],
)
def test_text_that_is_not_read_is_an_error(typed):
    with pytest.raises(ParseError) as raised:
        parse_hours(typed)
    assert "无法识别" in str(raised.value)


def test_the_message_names_what_was_not_read():
    with pytest.raises(ParseError) as raised:
        parse_hours("9:00-17:00 abc")
    assert "“abc”" in str(raised.value)


@pytest.mark.parametrize(
    "typed", ["开放时间：9:00-17:00", "9:00-17:00（全年无休）", "营业时间 每天 9:00-17:00。"]
)
def test_labels_and_punctuation_around_the_hours_are_fine(typed):
    assert parse_hours(typed) == ([slot(EVERY_DAY, "09:00", "17:00")], False)


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        ("17:00-9:00", "17:00", "09:00"),
        ("22:00-6:00", "22:00", "06:00"),
        ("9:00-次日5:00", "09:00", "05:00"),
        ("晚上10点-早上6点", "22:00", "06:00"),
        ("20:00-凌晨2:00", "20:00", "02:00"),
    ],
)
def test_an_overnight_range_ends_the_next_day(typed, start, end):
    assert parse_hours(typed) == ([slot(EVERY_DAY, start, end)], False)


def test_17_to_9_is_no_longer_17_to_21():
    slots, _open_24h = parse_hours("17:00-9:00")
    assert slots != [slot(EVERY_DAY, "17:00", "21:00")]
    assert open_at(slots, False, weekday=0, minute=23 * 60)
    assert open_at(slots, False, weekday=1, minute=8 * 60)
    assert not open_at(slots, False, weekday=1, minute=12 * 60)


@pytest.mark.parametrize("typed", ["9-5", "9:00-5:00", "下午5点-9点", "12:00-1:00"])
def test_an_ambiguous_end_earlier_than_the_start_is_refused_with_both_readings(typed):
    with pytest.raises(ParseError) as raised:
        parse_hours(typed)
    message = str(raised.value)
    assert "结束时间早于开始时间" in message
    assert "次日" in message


def test_the_refusal_suggests_the_afternoon_when_it_fits():
    with pytest.raises(ParseError) as raised:
        parse_hours("9:00-5:00")
    assert "09:00-17:00" in str(raised.value)
    assert "09:00-次日05:00" in str(raised.value)


def test_next_day_past_the_start_is_more_than_a_day():
    with pytest.raises(ParseError):
        parse_hours("9:00-次日10:00")


def test_midnight_as_an_end_closes_the_same_day():
    assert parse_hours("18:00-0:00") == ([slot(EVERY_DAY, "18:00", "24:00")], False)


def test_overnight_hours_are_shown_as_ending_the_next_day():
    assert format_hours(*parse_hours("周五 22:00-6:00")) == "周五 22:00–次日06:00"


def test_an_overnight_slot_opens_on_its_days_and_closes_the_next_morning():
    slots = [slot([4], "22:00", "06:00")]  # Friday night
    assert open_at(slots, False, weekday=4, minute=23 * 60)
    assert open_at(slots, False, weekday=5, minute=5 * 60)
    assert not open_at(slots, False, weekday=5, minute=23 * 60)
    assert not open_at(slots, False, weekday=4, minute=5 * 60)


def test_records_stored_before_overnight_slots_read_the_same():
    # Older records split 18:00-次日2:00 into an evening and a morning slot.
    old = [slot(EVERY_DAY, "00:00", "02:00"), slot(EVERY_DAY, "18:00", "24:00")]
    new, _open_24h = parse_hours("18:00-次日2:00")
    for weekday in EVERY_DAY:
        for minute in range(0, 24 * 60, 15):
            assert open_at(old, False, weekday, minute) == open_at(new, False, weekday, minute)
    assert format_hours(old, False) == "每天 00:00–02:00、18:00–24:00"


# --- Properties -------------------------------------------------------------------------


@st.composite
def weekly_slots(draw):
    """Canonical slots: distinct, non-touching ranges, each on a set of days, at most one
    overnight range that ends before the first range of the next morning starts."""
    count = draw(st.integers(min_value=1, max_value=3))
    times = draw(
        st.lists(
            st.integers(min_value=0, max_value=24 * 60),
            min_size=2 * count,
            max_size=2 * count,
            unique=True,
        ).map(sorted)
    )
    ranges = [(times[2 * n], times[2 * n + 1]) for n in range(count)]
    if times[0] >= 2 and times[-1] < 24 * 60 - 1 and draw(st.booleans()):
        start = draw(st.integers(min_value=times[-1] + 1, max_value=24 * 60 - 1))
        end = draw(st.integers(min_value=1, max_value=times[0] - 1))
        ranges.append((start, end))
    days = st.sets(st.integers(min_value=0, max_value=6), min_size=1).map(sorted)
    slots = [
        {
            "days": draw(days),
            "start": f"{s // 60:02d}:{s % 60:02d}",
            "end": f"{e // 60:02d}:{e % 60:02d}",
        }
        for s, e in ranges
    ]
    slots.sort(key=lambda s: (s["days"][0], s["start"]))
    open_24h = all(
        any(s["start"] == "00:00" and s["end"] == "24:00" and d in s["days"] for s in slots)
        for d in EVERY_DAY
    )
    return slots, open_24h


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(weekly_slots())
@example(([slot(EVERY_DAY, "09:00", "17:00")], False))
@example(([slot([0, 1, 2, 3, 4], "22:00", "06:00")], False))
@example(([slot(EVERY_DAY, "00:00", "24:00")], True))
def test_formatting_then_parsing_gives_the_same_slots(weekly):
    slots, open_24h = weekly
    with translation.override("zh-hans"):
        text = format_hours(slots, open_24h)
    assert parse_hours(text) == (
        slots if not open_24h else [slot(EVERY_DAY, "00:00", "24:00")],
        open_24h,
    )


ACCEPTED = [
    "9:00-17:00",
    "周一至周五 9:00-17:00；周六 10:00-16:00",
    "9:00-17:00（周一至周五）",
    "每天 7:00-19:00",
    "24小时",
    "22:00-次日6:00",
    "上午9点-下午5点",
]
# Characters that never belong to opening hours (no digits, day or time words, am/pm/h).
JUNK = st.text(alphabet="bcdefgjklnoqrsuvwxyz猫狗@#$%&*=", min_size=1, max_size=5)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(ACCEPTED), JUNK, st.data())
def test_nothing_with_unread_text_is_accepted(typed, junk, data):
    parse_hours(typed)  # the text alone is fine
    at = data.draw(st.integers(min_value=0, max_value=len(typed)))
    with pytest.raises(ParseError):
        parse_hours(typed[:at] + junk + typed[at:])
