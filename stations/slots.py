"""Whether a weekly slot covers a moment: the arithmetic stations/open_now.py and
stations/alert_hours.py share (slots as stations/open_now.py describes them)."""

from __future__ import annotations

from datetime import datetime

DAY = 24 * 60


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= DAY:
        raise ValueError(hhmm)
    return value


def open_in_part(slots: list[dict], local: datetime, *, same_day: bool) -> bool:
    """Whether a slot covers ``local``: one of today's (``same_day``), or the tail past
    midnight of one of yesterday's overnight slots. Alert hours ask the two apart, as an
    alert may cover yesterday and not today (stations/alert_hours.py)."""
    day, minute = local.weekday(), local.hour * 60 + local.minute
    yesterday = (day - 1) % 7
    for slot in slots:
        try:
            start, end = _minutes(slot["start"]), _minutes(slot["end"])
            days = {int(d) for d in slot["days"]}
        except (KeyError, TypeError, ValueError):
            continue  # an unreadable slot says nothing; never guess "open"
        if same_day:
            if day in days and start <= minute and (minute < end or end <= start):
                return True
        elif end <= start and yesterday in days and minute < end:
            return True
    return False
