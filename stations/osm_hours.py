"""A station's weekly hours in OpenStreetMap's ``opening_hours`` syntax (issue 24), for the
open data: what map apps and OSM tools read.

The portal's slots (stations/open_now.py) become one rule per group of days with the same
hours: ``Mo-Fr 09:00-17:00, Sa 09:00-16:00``. Rules are joined by the *additional* rule
separator ``, `` and never by ``; ``: in OSM a later ``;`` rule replaces earlier ones on its
days, which would cut off the part of Friday's 22:00-02:00 that falls on Saturday. A slot
running past midnight is written as OSM writes it (``22:00-02:00`` belongs to its start
day); a slot of a full 24 hours from its start (``08:00-08:00``) as ``08:00-32:00``.
tests/public/test_osm_opening_hours.py checks every string against OSM's reference parser
(opening_hours on the npm registry) for every minute of a week.
"""

from __future__ import annotations

from .parsing.hours import day_runs
from .slots import DAY, _minutes

DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _range(start: int, end: int) -> tuple[int, str]:
    if start == end:
        return start, f"{_clock(start)}-{_clock(start + DAY)}"
    return start, f"{_clock(start)}-{_clock(end)}"


def _days(days: list[int]) -> str:
    """[0, 1, 2, 4] -> "Mo-We,Fr"."""
    return ",".join(
        DAY_NAMES[run[0]] if len(run) == 1 else f"{DAY_NAMES[run[0]]}-{DAY_NAMES[run[-1]]}"
        for run in day_runs(days)
    )


def osm_opening_hours(slots, open_24h: bool) -> str | None:
    """``"24/7"``, ``"Mo-Fr 09:00-17:00, Sa 09:00-16:00"``…, or None when not known."""
    if open_24h:
        return "24/7"
    per_day: dict[int, set[tuple[int, str]]] = {day: set() for day in range(7)}
    for slot in slots or []:
        try:
            start, end = _minutes(slot["start"]), _minutes(slot["end"])
            days = {int(d) for d in slot["days"]}
        except (KeyError, TypeError, ValueError):
            continue  # as open_now: an unreadable slot says nothing
        for day in days & set(per_day):
            per_day[day].add(_range(start, end))
    groups: dict[str, list[int]] = {}
    for day, ranges in per_day.items():
        if ranges:
            times = ",".join(text for _start, text in sorted(ranges))
            groups.setdefault(times, []).append(day)
    if not groups:
        return None
    rules = sorted(groups.items(), key=lambda item: item[1][0])
    return ", ".join(f"{_days(days)} {times}" for times, days in rules)
