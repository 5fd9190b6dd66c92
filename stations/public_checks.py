"""The last independent check a station's public page shows (issue 12: "the last check's date
and result"), from the inspections app above.

Checks belong to inspections, which sits above stations: the public page may not import
it, so stations offers this hook, as it offers public_titles for honours: inspections
registers a source from its AppConfig.ready(), the public view asks ``last_check_for``,
and without inspections installed the page simply says nothing about checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Station


@dataclass(frozen=True)
class PublicCheck:
    day: dt.date
    # None while the result is under review (its appeal window open, or its appeal not yet
    # decided): the page then shows the day only.
    score: Decimal | None
    # A red-line finding (closed in posted hours, a worker refused, plaque missing).
    red_line: bool
    # The red-line items found not met, in the checklist's words.
    red_lines: tuple[str, ...] = ()
    pending: bool = False


CheckSource = Callable[["Station"], "PublicCheck | None"]
_sources: list[CheckSource] = []


def register_check_source(source: CheckSource) -> None:
    if source not in _sources:
        _sources.append(source)


def last_check_for(station: Station) -> PublicCheck | None:
    checks = [check for source in _sources if (check := source(station)) is not None]
    return max(checks, key=lambda c: c.day) if checks else None
