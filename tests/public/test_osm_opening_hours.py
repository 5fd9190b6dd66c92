"""Every station's hours in OpenStreetMap's opening_hours syntax (issue 24), checked against
OSM's reference parser (opening_hours on the npm registry, installed by ``make test``): for
every demo pattern and a few hundred made-up ones, the parser's answer for every minute of a
week is the portal's own open-now answer."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from stations.demo_public import HOURS
from stations.open_now import is_open_at
from stations.osm_hours import osm_opening_hours

ORACLE = Path(__file__).with_name("js") / "osm_hours_oracle.js"
WEEK_START = dt.datetime(2026, 12, 7, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday
MINUTES = 7 * 24 * 60


def _slot(days, start, end):
    return {"days": days, "start": start, "end": end}


HARD = {
    "friday night then saturday": [_slot([4], "22:00", "06:00"), _slot([5], "10:00", "16:00")],
    "sunday night into monday": [_slot([6], "23:30", "01:15")],
    "split shift": [
        _slot([0, 1, 2, 3, 4], "09:00", "12:00"),
        _slot([0, 1, 2, 3, 4], "13:00", "17:00"),
    ],
    "overlapping slots": [_slot([0, 1], "08:00", "14:00"), _slot([1, 2], "12:00", "20:00")],
    "full day from eight": [_slot([0, 2], "08:00", "08:00")],
    "to midnight": [_slot([5, 6], "10:00", "24:00")],
    "whole day one day": [_slot([3], "00:00", "24:00")],
    "weekend only": [_slot([5, 6], "09:30", "15:45")],
    "odd days": [_slot([0, 2, 4, 6], "07:00", "19:00")],
    "night every day and a morning": [
        _slot(list(range(7)), "20:00", "08:00"),
        _slot([2], "10:00", "11:00"),
    ],
}


def _made_up(seed: int) -> list[dict]:
    rng = random.Random(seed)
    slots = []
    for _ in range(rng.randint(1, 3)):
        days = sorted(rng.sample(range(7), rng.randint(1, 7)))
        start = rng.randrange(0, 24 * 4) * 15
        end = rng.choice([rng.randrange(1, 24 * 4 + 1) * 15, start])
        clock = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
        slots.append(_slot(days, clock(start), clock(end)))
    return slots


def _cases() -> dict[str, tuple[list[dict], bool]]:
    cases = {f"demo {key}": (slots, all_day) for key, (_text, slots, all_day) in HOURS.items()}
    cases.update({name: (slots, False) for name, slots in HARD.items()})
    cases.update({f"made up {n}": (_made_up(n), False) for n in range(60)})
    return cases


def _portal_minutes(slots, all_day) -> set[int]:
    if all_day:
        return set(range(MINUTES))
    return {m for m in range(MINUTES) if is_open_at(slots, WEEK_START + dt.timedelta(minutes=m))}


def _oracle_minutes(intervals) -> set[int]:
    return {m for start, end in intervals for m in range(max(start, 0), min(end, MINUTES))}


def test_every_string_opens_when_the_portal_says_open():
    node = shutil.which("node")
    assert node, "node is needed (make test installs it with npm)"
    assert (ORACLE.parents[2] / "e2e" / "node_modules" / "opening_hours").is_dir(), (
        "run make test (it installs tests/e2e's npm packages)"
    )
    cases = _cases()
    strings = {name: osm_opening_hours(slots, all_day) for name, (slots, all_day) in cases.items()}
    assert all(strings.values())
    answer = subprocess.run(
        [node, str(ORACLE)],
        input=json.dumps({"week_start": WEEK_START.isoformat(), "hours": strings}),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "Asia/Shanghai"},
        timeout=120,
    )
    oracle = json.loads(answer.stdout)
    wrong = []
    for name, (slots, all_day) in cases.items():
        said = oracle[name]
        if isinstance(said, str):
            wrong.append(f"{name}: {strings[name]!r}: {said}")
            continue
        expected, got = _portal_minutes(slots, all_day), _oracle_minutes(said)
        if expected != got:
            first = min(expected ^ got)
            when = WEEK_START + dt.timedelta(minutes=first)
            wrong.append(f"{name}: {strings[name]!r} differs first at {when:%a %H:%M}")
    assert wrong == []


def test_the_strings_read_as_osm_writes_them():
    assert osm_opening_hours(*HOURS["bank"][1:]) == "Mo-Fr 09:00-17:00, Sa 09:00-16:00"
    assert osm_opening_hours(*HOURS["24h"][1:]) == "24/7"
    assert osm_opening_hours(*HOURS["late"][1:]) == "Mo-Su 06:00-02:00"
    assert osm_opening_hours(HARD["full day from eight"], False) == "Mo,We 08:00-32:00"
    assert osm_opening_hours([], False) is None
    assert osm_opening_hours([{"days": [0], "start": "bad"}], False) is None


@pytest.mark.django_db
def test_the_open_data_carries_the_string(client, public_station):
    station = public_station(opening_hours=HOURS["bank"][1], opening_hours_text=HOURS["bank"][0])
    from stations.open_data import station_record

    assert station_record(station)["opening_hours_osm"] == "Mo-Fr 09:00-17:00, Sa 09:00-16:00"
