"""Is a station open at a given moment? Read from its structured weekly opening hours.

Slots are ``{"days": [0..6], "start": "HH:MM", "end": "HH:MM"}`` with Monday = 0 and
"24:00" ending the day (stations/parsing/hours.py writes them). A slot whose end is not
after its start runs past midnight: from its start on each listed day to its end on the
next day (22:00–06:00 on Friday is Friday night into Saturday morning; 08:00–08:00 is a
full 24 hours). Times are the programme's local time (settings.TIME_ZONE, Asia/Shanghai).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from .alert_hours import around, open_in_alert
from .slots import open_in_part


def is_open_at(slots: list[dict], when: datetime) -> bool:
    """Whether any slot covers ``when`` (an aware datetime, read in local time)."""
    local = timezone.localtime(when)
    return open_in_part(slots, local, same_day=True) or open_in_part(slots, local, same_day=False)


def closure_on(station, day: date):
    """The temporary closure covering ``day``, if any. Reads ``current_closures`` when the
    caller prefetched them (the directory does, for a whole list), else asks the database."""
    closures = getattr(station, "current_closures", None)
    if closures is None:
        if station.pk is None:
            return None
        closures = station.closures.covering(day)
    return next((c for c in closures if c.starts_on <= day <= c.ends_on), None)


def open_now(station, when: datetime | None = None, alerts=None) -> bool | None:
    """True or False for a station with known hours; None when its hours are not known.

    A temporary closure posted for today's date closes it whatever its hours say. While a
    heat or cold alert runs, the hours it keeps in alert mode count too
    (stations/alert_hours.py); ``alerts`` are the alert days around ``when`` when the caller
    read them once for many stations, else they are read here, only for a station that
    keeps such hours.
    """
    when = when or timezone.now()
    if closure_on(station, timezone.localtime(when).date()) is not None:
        return False
    if station.open_24h:
        return True
    alert_hours = getattr(station, "alert_hours", None)
    days = alerts if alerts is not None or not alert_hours else around(when)
    if alert_hours and open_in_alert(alert_hours, when, days):
        return True
    if not station.opening_hours:
        return None
    return is_open_at(station.opening_hours, when)
