"""Quarters as the assessment counts them: local (Asia/Shanghai) calendar quarters."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _


class QuarterError(ValueError):
    pass


def quarter_bounds(year: int, quarter: int) -> tuple[dt.datetime, dt.datetime]:
    """The quarter as local instants, start included, end excluded."""
    if not 1 <= quarter <= 4 or not 2000 <= year <= 2100:
        raise QuarterError(_("No such quarter."))
    zone = timezone.get_default_timezone()
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=zone)
    end = (
        dt.datetime(year + 1, 1, 1, tzinfo=zone)
        if quarter == 4
        else dt.datetime(year, 3 * quarter + 1, 1, tzinfo=zone)
    )
    return start, end


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def last_quarter(today: dt.date | None = None) -> tuple[int, int]:
    """The quarter that ended most recently (the beat job's quarter)."""
    today = today or timezone.localdate()
    return previous_quarter(today.year, (today.month - 1) // 3 + 1)
