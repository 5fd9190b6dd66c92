from __future__ import annotations

from django.utils import translation

from stations.parsing import format_hours, parse_hours


def test_it_says_open_24_hours():
    with translation.override("en"):
        assert format_hours(*parse_hours("24小时")) == "Open 24 hours"


def test_it_shows_every_day_ranges():
    with translation.override("en"):
        assert format_hours(*parse_hours("9:00-17:00")) == "Every day 09:00–17:00"


def test_it_groups_runs_of_days_and_keeps_the_clerks_order():
    with translation.override("en"):
        text = format_hours(*parse_hours("周一至周五 9:00-17:00；周六 10:00-16:00"))
    assert text == "Mon to Fri 09:00–17:00; Sat 10:00–16:00"


def test_it_lists_separate_days_and_several_ranges():
    with translation.override("en"):
        text = format_hours(*parse_hours("周一、三 9:00-12:00，13:00-17:00"))
    assert text == "Mon, Wed 09:00–12:00, 13:00–17:00"


def test_no_slots_is_an_empty_string():
    assert format_hours([], False) == ""
