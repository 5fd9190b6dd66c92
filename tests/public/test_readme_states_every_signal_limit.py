"""The README's table of limits on anonymous signals names every limit the code reads, with
the default the settings really have."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from stations.devices import ALLOWANCES

STATION_CEILINGS = (
    "FEEDBACK_PER_STATION_PER_DAY",
    "FEEDBACK_HOLD_PER_STATION_PER_HOUR",
    "FEEDBACK_HOLD_PER_STATION_PER_DAY",
)


def _table() -> dict[str, int]:
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Limits on anonymous signals", 1)[1].split("\n\n", 2)[2]
    stated = {}
    for row in section.split("\n\n", 1)[0].splitlines()[2:]:
        _limit, names, defaults = (cell.strip() for cell in row.strip("|").split("|"))
        numbers = [int(n) for n in re.findall(r"\d+", defaults)]
        for name, number in zip(re.findall(r"`(\w+)`", names), numbers, strict=False):
            stated[name] = number
    return stated


def test_every_limit_is_in_the_readme_with_its_default():
    stated = _table()
    read = {a.setting for allowances in ALLOWANCES.values() for a in allowances}
    read |= set(STATION_CEILINGS)

    assert read <= set(stated), read - set(stated)
    assert {name: getattr(settings, name) for name in stated} == stated
