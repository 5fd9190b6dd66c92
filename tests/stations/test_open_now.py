"""“Open now” from a station's structured weekly hours, in Shanghai time, overnight included."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from stations.open_now import is_open_at

SH = ZoneInfo("Asia/Shanghai")
WEEKDAYS = [0, 1, 2, 3, 4]


def at(day: int, hhmm: str) -> datetime:
    """A moment in the week of Monday 23 November 2026, Shanghai time (day 0 = Monday)."""
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2026, 11, 23 + day, hours, minutes, tzinfo=SH)


def test_a_day_slot_is_open_from_its_start_until_just_before_its_end():
    slots = [{"days": WEEKDAYS, "start": "09:00", "end": "17:00"}]

    assert not is_open_at(slots, at(2, "08:59"))
    assert is_open_at(slots, at(2, "09:00"))
    assert is_open_at(slots, at(2, "16:59"))
    assert not is_open_at(slots, at(2, "17:00"))


def test_a_day_not_listed_is_closed():
    slots = [{"days": WEEKDAYS, "start": "09:00", "end": "17:00"}]

    assert not is_open_at(slots, at(6, "10:00"))


def test_the_moment_is_read_in_shanghai_time():
    slots = [{"days": [2], "start": "09:00", "end": "17:00"}]
    # 02:00 UTC on Wednesday is 10:00 in Shanghai.
    utc = datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo("UTC"))

    assert is_open_at(slots, utc)


def test_twenty_four_hundred_ends_the_day():
    slots = [{"days": [4], "start": "18:00", "end": "24:00"}]

    assert is_open_at(slots, at(4, "23:59"))
    assert not is_open_at(slots, at(5, "00:00"))


def test_an_overnight_slot_runs_into_the_next_morning():
    slots = [{"days": [4], "start": "22:00", "end": "06:00"}]  # Friday night

    assert not is_open_at(slots, at(4, "21:59"))
    assert is_open_at(slots, at(4, "23:00"))
    assert is_open_at(slots, at(5, "03:00"))  # Saturday morning
    assert not is_open_at(slots, at(5, "06:00"))
    assert not is_open_at(slots, at(5, "23:00"))  # Saturday night is not listed
    assert not is_open_at(slots, at(3, "03:00"))  # nor Thursday night


def test_sunday_night_runs_into_monday_morning():
    slots = [{"days": [6], "start": "20:00", "end": "02:00"}]

    assert is_open_at(slots, at(0, "01:30"))  # Monday 23 November, after Sunday the 22nd


def test_a_slot_ending_when_it_starts_is_a_full_day_from_its_start():
    slots = [{"days": [2], "start": "08:00", "end": "08:00"}]

    assert is_open_at(slots, at(2, "08:00"))
    assert is_open_at(slots, at(3, "07:59"))
    assert not is_open_at(slots, at(3, "08:00"))


def test_any_one_of_several_slots_is_enough():
    slots = [
        {"days": WEEKDAYS, "start": "07:00", "end": "11:00"},
        {"days": WEEKDAYS, "start": "14:00", "end": "18:00"},
    ]

    assert is_open_at(slots, at(1, "15:00"))
    assert not is_open_at(slots, at(1, "12:00"))


def test_an_unreadable_slot_never_makes_a_station_open():
    slots = [{"days": [2], "start": "9 am", "end": "17:00"}, {"start": "00:00"}, "junk"]

    assert not is_open_at(slots, at(2, "10:00"))


def test_no_hours_is_never_open():
    assert not is_open_at([], at(2, "10:00"))
