"""The rule of 清凉模式 / 暖心模式: which hours a station keeps while a heat or cold alert runs.

A station's union records, per alert kind, the hours it keeps from an alert level upwards
(``Station.alert_hours``: ``{"heat": [{"level": 2, "open_24h": false, "text": "…", "slots":
[…]}]}``, slots as in stations/open_now.py). On a day an alert of that kind runs at level L,
the entry that applies is the one with the highest level not above L; none applies below the
lowest. The alert's hours add to the station's own: it is open when either says so, and a
temporary closure closes it all the same. An alert covers whole local days (its dates); a
slot that starts on an alert day and runs past midnight is kept to its end.

An alert's level for a day is the highest among the alerts of its kind covering that day
(WeatherAlert, declared by the aid center or read from the feed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models.alert import AlertKind, AlertLevel, WeatherAlert
from .slots import open_in_part

KINDS = tuple(AlertKind.values)
# The column keeping the lowest level of each kind's entries (the directory's filter).
MODE_FROM = {kind: f"{kind}_mode_from" for kind in KINDS}


@dataclass(frozen=True)
class AlertDays:
    """The alert levels of some days: ``{day: {"heat": 3}}``; a day with no alert is absent."""

    levels: dict[date, dict[str, int]] = field(default_factory=dict)

    def on(self, day: date) -> dict[str, int]:
        return self.levels.get(day, {})


NO_ALERTS = AlertDays()


def alert_days(first: date, last: date | None = None) -> AlertDays:
    """Each day's highest level per kind from ``first`` to ``last``, in one query."""
    last = last or first
    levels: dict[date, dict[str, int]] = {}
    rows = WeatherAlert.objects.filter(starts_on__lte=last, ends_on__gte=first).values_list(
        "kind", "level", "starts_on", "ends_on"
    )
    for kind, level, starts_on, ends_on in rows:
        day = max(first, starts_on)
        while day <= min(last, ends_on):
            today = levels.setdefault(day, {})
            today[kind] = max(today.get(kind, 0), level)
            day += timedelta(days=1)
    return AlertDays(levels)


def around(when: datetime) -> AlertDays:
    """The alerts of ``when``'s local day and the day before (its overnight slots)."""
    today = timezone.localtime(when).date()
    return alert_days(today - timedelta(days=1), today)


def applicable(entries: list[dict] | None, level: int | None) -> dict | None:
    """The entry kept at ``level``: the highest whose level is not above it."""
    if not entries or not level:
        return None
    kept = [e for e in entries if isinstance(e, dict) and _level(e) <= level]
    return max(kept, key=_level) if kept else None


def _level(entry: dict) -> int:
    try:
        return int(entry.get("level", 0))
    except (TypeError, ValueError):
        return 99  # an unreadable entry never applies


def modes_on(alert_hours: dict | None, day: date, days: AlertDays) -> list[tuple[str, dict]]:
    """``[(kind, entry)]`` the station keeps on ``day``: it is in 清凉模式 or 暖心模式."""
    if not alert_hours:
        return []
    out = []
    for kind, level in sorted(days.on(day).items()):
        entry = applicable(alert_hours.get(kind), level)
        if entry is not None:
            out.append((kind, entry))
    return out


def open_in_alert(alert_hours: dict | None, when: datetime, days: AlertDays) -> bool:
    """Whether the alert hours that apply keep the station open at ``when``."""
    if not alert_hours:
        return False
    local = timezone.localtime(when)
    today = local.date()
    for day, same_day in ((today, True), (today - timedelta(days=1), False)):
        for _kind, entry in modes_on(alert_hours, day, days):
            if entry.get("open_24h"):
                if same_day:
                    return True
                continue
            if open_in_part(entry.get("slots") or [], local, same_day=same_day):
                return True
    return False


def lowest_levels(alert_hours: dict) -> dict[str, int | None]:
    """The value of each kind's ``*_mode_from`` column for these entries."""
    return {
        MODE_FROM[kind]: min((_level(e) for e in alert_hours.get(kind) or []), default=None)
        for kind in KINDS
    }


@dataclass(frozen=True)
class AlertNotice:
    """An alert as the public pages name it: 高温橙色预警, and the mode it calls: 清凉模式."""

    kind: str
    level: int

    @property
    def label(self) -> str:
        level = AlertLevel(self.level).label
        if self.kind == AlertKind.HEAT:
            return _("%(level)s high-temperature alert") % {"level": level}
        return _("%(level)s cold-wave alert") % {"level": level}

    @property
    def mode(self) -> str:
        return MODE_NAMES[self.kind]


MODE_NAMES = {
    AlertKind.HEAT: gettext_lazy("Cooling mode"),
    AlertKind.COLD: gettext_lazy("Warming mode"),
}


def notices(days: AlertDays, day: date) -> list[AlertNotice]:
    """Today's alerts, one per kind at its highest level, heat first."""
    return [AlertNotice(kind, level) for kind, level in sorted(days.on(day).items(), reverse=True)]


@dataclass(frozen=True)
class AlertHoursRow:
    """One line of a station's alert hours, as its page lists them."""

    kind: str
    level: int
    text: str
    open_24h: bool
    slots: list
    # The hours that apply today, under today's alert of the kind.
    today: AlertNotice | None = None

    @property
    def mode(self) -> str:
        return MODE_NAMES[self.kind]

    @property
    def level_label(self) -> str:
        return AlertLevel(self.level).label


def rows_of(alert_hours: dict | None, day: date, days: AlertDays) -> list[AlertHoursRow]:
    """Every entry of a station's alert hours, heat first, marked where it applies on ``day``."""
    applying = dict(modes_on(alert_hours, day, days))
    rows = []
    for kind in sorted(alert_hours or {}, reverse=True):
        if kind not in KINDS:
            continue
        for entry in sorted(alert_hours[kind], key=_level):
            rows.append(
                AlertHoursRow(
                    kind=kind,
                    level=_level(entry),
                    text=str(entry.get("text", "")),
                    open_24h=bool(entry.get("open_24h")),
                    slots=entry.get("slots") or [],
                    today=AlertNotice(kind, days.on(day)[kind])
                    if applying.get(kind) is entry
                    else None,
                )
            )
    return rows
