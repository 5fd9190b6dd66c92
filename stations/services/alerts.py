"""Heat and cold alerts (issue 23, item 3): the aid center declares or ends one, the feed
brings them in, and a union records the hours its station keeps under them (清凉模式 /
暖心模式). The rule that reads the hours is stations/alert_hours.py.

The feed (``ALERT_FEED_URL``, read every quarter hour when set) is JSON::

    {"alerts": [{"id": "SH-2027-0712-HT", "kind": "heat", "level": 3,
                 "starts_on": "2027-07-12", "ends_on": "2027-07-14", "note": "…"}]}

``kind`` is heat or cold; ``level`` 1–4 or blue/yellow/orange/red (also 蓝/黄/橙/红). An alert
seen again by its ``id`` is updated, never repeated; one the feed drops is left as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.changes import announce
from history.models import RecordChange
from history.writer import record_change

from ..alert_hours import KINDS, lowest_levels
from ..models import AlertKind, AlertLevel, AlertSource, Station, WeatherAlert
from ..parsing import ParseError
from ..parsing.hours import parse_hours
from ..permissions import record_check

# An alert longer than this is a mistake in its dates (heat waves and cold waves last days).
LONGEST_ALERT_DAYS = 31
# The feed is small; a larger answer is refused rather than read.
FEED_MAX_BYTES = 1_000_000
_LEVEL_WORDS = {
    "blue": 1, "蓝": 1, "蓝色": 1, "yellow": 2, "黄": 2, "黄色": 2,
    "orange": 3, "橙": 3, "橙色": 3, "red": 4, "红": 4, "红色": 4,
}  # fmt: skip


def check_alert_dates(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(_("The alert cannot end before it starts."))
    if (ends_on - starts_on).days >= LONGEST_ALERT_DAYS:
        raise ValidationError(
            _("An alert covers at most %(days)d days; declare a new one when it is renewed.")
            % {"days": LONGEST_ALERT_DAYS}
        )


def _announce_alert(alert: WeatherAlert) -> None:
    # Every station page, the directory and the home page read the alerts (stations/caches.py).
    announce("alert", ids=(alert.pk,))


@transaction.atomic
def alert_declare(
    *, by, kind: str, level: int, starts_on: dt.date, ends_on: dt.date, note: str = ""
) -> WeatherAlert:
    record_check(by, "alert")
    check_alert_dates(starts_on, ends_on)
    alert = WeatherAlert.objects.create(
        kind=kind, level=level, starts_on=starts_on, ends_on=ends_on, note=note, declared_by=by
    )
    record_change(
        record=RecordChange.Record.ALERT,
        record_id=alert.pk,
        union_id=None,
        action=RecordChange.Action.CREATED,
        by=by,
        changes={"alert": ["", f"{alert} {starts_on:%Y-%m-%d}–{ends_on:%Y-%m-%d}"]},
    )
    _announce_alert(alert)
    return alert


@transaction.atomic
def alert_end(*, by, alert: WeatherAlert, today: dt.date | None = None) -> WeatherAlert:
    """End an alert now: its last day becomes yesterday, so today's hours are the station's
    own again (an alert not yet begun then covers no day at all)."""
    record_check(by, "alert")
    today = today or timezone.localdate()
    alert = WeatherAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.ends_on < today or alert.ends_on < alert.starts_on:
        raise ValidationError(_("This alert is already over."))
    old = alert.ends_on
    alert.ends_on = today - dt.timedelta(days=1)
    alert.ended_early = True
    alert.save(update_fields=["ends_on", "ended_early"])
    record_change(
        record=RecordChange.Record.ALERT,
        record_id=alert.pk,
        union_id=None,
        action=RecordChange.Action.ENDED,
        by=by,
        changes={"ends_on": [f"{old:%Y-%m-%d}", f"{alert.ends_on:%Y-%m-%d}"]},
    )
    _announce_alert(alert)
    return alert


def read_entry(level: int, text: str) -> dict:
    """One level's hours as a clerk typed them (the 开放时间 syntax, or 24小时)."""
    try:
        slots, open_24h = parse_hours(text)
    except ParseError as error:
        raise ValidationError(str(error)) from error
    return {"level": int(level), "open_24h": open_24h, "text": text.strip(), "slots": slots}


def _label(entries: list[dict]) -> str:
    return "；".join(
        f"{AlertLevel(e['level']).label}+ {e['text']}"
        for e in sorted(entries, key=lambda e: e["level"])
    )


@transaction.atomic
def station_alert_hours_set(*, by, station: Station, kind: str, entries: list[dict]) -> Station:
    """Replace the hours ``station`` keeps under alerts of ``kind`` (entries from
    ``read_entry``, at most one per level; none clears them)."""
    record_check(by, "alert_hours", station)
    if not station.is_public:
        raise ValidationError(_("Only an operating station keeps alert-mode hours."))
    if kind not in KINDS:
        raise ValidationError(_("Choose heat or cold."))
    levels = [e["level"] for e in entries]
    if len(set(levels)) != len(levels):
        raise ValidationError(_("Give each alert level its hours once."))
    if any(level not in AlertLevel.values for level in levels):
        raise ValidationError(_("Choose an alert level from blue to red."))
    station = Station.objects.select_for_update().get(pk=station.pk)
    hours = dict(station.alert_hours or {})
    old = hours.get(kind) or []
    new = sorted(entries, key=lambda e: e["level"])
    if new:
        hours[kind] = new
    else:
        hours.pop(kind, None)
    station.alert_hours = hours
    for column, value in lowest_levels(hours).items():
        setattr(station, column, value)
    station.save(update_fields=["alert_hours", "heat_mode_from", "cold_mode_from", "updated_at"])
    record_change(
        record=RecordChange.Record.STATION,
        record_id=station.pk,
        union_id=station.union_id,
        action=RecordChange.Action.ALERT_HOURS,
        by=by,
        stations=[station],
        changes={f"alert_hours.{kind}": [_label(old), _label(new)]},
    )
    announce("station", ids=(station.pk,), stations=(station.pk,), unions=(station.union_id,))
    return station


# --- The feed --------------------------------------------------------------------------------


def _feed_level(value) -> int:
    if isinstance(value, int) and value in AlertLevel.values:
        return value
    word = str(value).strip().lower()
    if word.isdigit() and int(word) in AlertLevel.values:
        return int(word)
    if word in _LEVEL_WORDS:
        return _LEVEL_WORDS[word]
    raise ValueError(value)


def _feed_alert(item: dict) -> dict:
    """One feed item as WeatherAlert's fields; raises ValueError or KeyError if it is not one."""
    kind = str(item["kind"]).strip().lower()
    kind = {"高温": AlertKind.HEAT, "寒潮": AlertKind.COLD}.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(kind)
    starts_on = dt.date.fromisoformat(str(item["starts_on"])[:10])
    ends_on = dt.date.fromisoformat(str(item["ends_on"])[:10])
    check_alert_dates(starts_on, ends_on)
    feed_id = str(item["id"]).strip()[:100]
    if not feed_id:
        raise ValueError("id")
    return {
        "feed_id": feed_id,
        "kind": kind,
        "level": _feed_level(item["level"]),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "note": str(item.get("note") or "")[:200],
    }


def fetch_feed(url: str) -> list[dict]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(  # noqa: S310 (the operator's own setting)
        request, timeout=settings.ALERT_FEED_TIMEOUT_SECONDS
    ) as answer:
        body = answer.read(FEED_MAX_BYTES + 1)
    if len(body) > FEED_MAX_BYTES:
        raise ValueError(f"the alert feed is larger than {FEED_MAX_BYTES} bytes")
    data = json.loads(body)
    items = data.get("alerts") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValueError("the alert feed holds no list of alerts")
    return items


def alerts_feed_read(url: str | None = None) -> dict[str, int]:
    """Read the feed once (the beat's job): new alerts created, known ones updated, items
    that are not alerts skipped. Counts of each; nothing when no feed is configured."""
    url = settings.ALERT_FEED_URL if url is None else url
    counts = {"created": 0, "updated": 0, "skipped": 0}
    if not url:
        return counts
    for item in fetch_feed(url):
        try:
            fields = _feed_alert(item)
        except (KeyError, TypeError, ValueError, ValidationError):
            counts["skipped"] += 1
            continue
        try:
            counts[_feed_upsert(fields)] += 1
        except IntegrityError:  # another read of the feed made it at the same moment
            counts["skipped"] += 1
    return counts


@transaction.atomic
def _feed_upsert(fields: dict) -> str:
    alert = WeatherAlert.objects.select_for_update().filter(feed_id=fields["feed_id"]).first()
    if alert is None:
        alert = WeatherAlert.objects.create(source=AlertSource.FEED, **fields)
        action, changes, outcome = (
            RecordChange.Action.CREATED,
            {"alert": ["", str(alert)]},
            "created",
        )
    else:
        if alert.ended_early:
            # The aid center ended it: the feed still naming its old last day does not
            # bring it back.
            fields.pop("ends_on")
        changes = {
            name: [str(getattr(alert, name)), str(value)]
            for name, value in fields.items()
            if getattr(alert, name) != value
        }
        if not changes:
            return "skipped"
        for name, value in fields.items():
            setattr(alert, name, value)
        alert.save()
        action, outcome = RecordChange.Action.EDITED, "updated"
    record_change(
        record=RecordChange.Record.ALERT,
        record_id=alert.pk,
        union_id=None,
        action=action,
        by=None,
        changes=changes,
    )
    _announce_alert(alert)
    return outcome
