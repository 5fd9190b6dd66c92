"""Every way of typing a cell that the parsers accept also imports from a real file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from .builders import station_row, xlsx

MOBILES = [
    "138 1234 5678",
    "138-1234-5678",
    "１３８１２３４５６７８",
    "+86 13812345678",
    13812345678,
]
AREAS = {
    "3": "3",
    "3.5": "3.5",
    "3㎡": "3",
    "3m2": "3",
    "3平方米": "3",
    "约4平方米": "4",
    "4平米": "4",
    2.5: "2.5",
}
HOURS = {
    "9:00-17:00": ([0, 1, 2, 3, 4, 5, 6], "09:00", "17:00", False),
    "9：00—17：00": ([0, 1, 2, 3, 4, 5, 6], "09:00", "17:00", False),
    "上午9:00—下午5:00": ([0, 1, 2, 3, 4, 5, 6], "09:00", "17:00", False),
    "00:00-24:00": ([0, 1, 2, 3, 4, 5, 6], "00:00", "24:00", True),
    "24小时": ([0, 1, 2, 3, 4, 5, 6], "00:00", "24:00", True),
    "9:00-17:00（周一至周五）": ([0, 1, 2, 3, 4], "09:00", "17:00", False),
    "工作日 8:30-17:30": ([0, 1, 2, 3, 4], "08:30", "17:30", False),
    "周末 10:00-16:00": ([5, 6], "10:00", "16:00", False),
    "每天 7:00-19:00": ([0, 1, 2, 3, 4, 5, 6], "07:00", "19:00", False),
    "全天": ([0, 1, 2, 3, 4, 5, 6], "00:00", "24:00", True),
}
SEPARATORS = ["、", "，", ",", ";", "；", "/", " "]
DATES = {
    "2018年10月": dt.date(2018, 10, 31),
    "2018年10月31日": dt.date(2018, 10, 31),
    "2018-10-31": dt.date(2018, 10, 31),
    "2018.11": dt.date(2018, 11, 30),
    "2018/12/1": dt.date(2018, 12, 1),
    "2018-10": dt.date(2018, 10, 31),
    dt.datetime(2018, 9, 30): dt.date(2018, 9, 30),
}


def imported(run_import, field: str, values) -> list:
    rows = [station_row(n, **{field: value}) for n, value in enumerate(values, start=1)]
    result = run_import(xlsx(rows))
    assert result.ok, [str(p) for p in result.problems]
    return list(result.filing.stations.order_by("row_number"))


def test_mobiles_with_spaces_dashes_full_width_digits_prefix_or_as_numbers(run_import):
    stations = imported(run_import, "head_mobile", MOBILES)
    assert {s.head_mobile for s in stations} == {"13812345678"}


def test_each_area_form(run_import):
    stations = imported(run_import, "area", list(AREAS))
    assert [s.area_m2 for s in stations] == [Decimal(v) for v in AREAS.values()]


def test_each_hours_form(run_import):
    stations = imported(run_import, "hours", list(HOURS))
    for station, (days, start, end, open_24h) in zip(stations, HOURS.values(), strict=True):
        assert station.opening_hours[0] == {"days": days, "start": start, "end": end}
        assert station.open_24h is open_24h


def test_the_afternoon_hours_form_keeps_the_text_as_typed(run_import):
    station = imported(run_import, "hours", ["上午9:00—下午5:00"])[0]
    assert station.opening_hours_text == "上午9:00—下午5:00"


@pytest.mark.parametrize("sep", SEPARATORS)
def test_each_service_separator(run_import, sep):
    station = imported(run_import, "services", [sep.join(["饮水供给", "手机充电", "休息如厕"])])[0]
    assert station.services == ["water", "charging", "rest_toilet"]


def test_each_date_form(run_import):
    stations = imported(run_import, "planned", list(DATES))
    assert [s.planned_completion for s in stations] == list(DATES.values())
