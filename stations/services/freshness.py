"""Confirming a station's listing (stations/freshness.py holds the rule): by its union, in
bulk or one at a time; by each check of the supervision team; and flagged by workers'
reports of a locked door during posted hours."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from history.changes import announce
from history.models import RecordChange
from history.writer import record_change

from ..freshness import FLAG_REPORTS, FLAG_WINDOW_DAYS, refresh_doubt
from ..models import Feedback, FeedbackProblem, Station, day_start
from ..permissions import record_check


@transaction.atomic
def listing_confirm(*, stations, by) -> list[Station]:
    """The union says these stations' details still hold: confirmed today, any workers'
    report of a locked door answered. Each is checked against the caller's scope."""
    today = timezone.localdate()
    done = []
    for station in Station.objects.select_for_update().filter(pk__in=[s.pk for s in stations]):
        record_check(by, "listing_confirmation", station)
        if not station.is_public:
            raise ValidationError(
                _("%(name)s is not operating; only an operating station's listing is confirmed.")
                % {"name": station.name}
            )
        before = (station.confirmed_on, station.reported_closed_on)
        station.confirmed_on, station.reported_closed_on = today, None
        station.listing_doubtful = False
        station.save(
            update_fields=["confirmed_on", "reported_closed_on", "listing_doubtful", "updated_at"]
        )
        record_change(
            record=RecordChange.Record.STATION,
            record_id=station.pk,
            union_id=station.union_id,
            action=RecordChange.Action.CONFIRMED,
            by=by,
            stations=[station],
            changes={"confirmed_on": [str(before[0] or ""), str(today)]},
        )
        done.append(station)
    return done


def listing_checked(*, station_id: int, day: dt.date) -> None:
    """A check of the supervision team saw the station on ``day``: its listing is confirmed
    then, unless it was confirmed later already, and a report of a locked door is answered."""
    now = timezone.now()
    moved = (
        Station.objects.filter(pk=station_id)
        .filter(Q(confirmed_on__isnull=True) | Q(confirmed_on__lte=day))
        .update(confirmed_on=day, updated_at=now)
    )
    # A report of a locked door made after the visit is not answered by it (an outbox may
    # send a check days late).
    moved += Station.objects.filter(pk=station_id, reported_closed_on__lte=day).update(
        reported_closed_on=None, updated_at=now
    )
    if moved:
        refresh_doubt(Station.objects.filter(pk=station_id), timezone.localdate())
        _announce(station_id)


def _announce(station_id: int) -> None:
    # The station page, the lists and the open data show it (stations/caches.py).
    union_id = Station.objects.filter(pk=station_id).values_list("union_id", flat=True).first()
    announce("station", ids=(station_id,), stations=(station_id,), unions=(union_id,))


def listing_report_closed(*, station_id: int, today: dt.date) -> bool:
    """Called with each worker's report of "closed during posted hours": the second within
    FLAG_WINDOW_DAYS flags the listing. True when it did."""
    since = timezone.now() - dt.timedelta(days=FLAG_WINDOW_DAYS)
    # Reports since the listing was last confirmed only: a confirmation answers the ones
    # before it.
    confirmed = Station.objects.filter(pk=station_id).values_list("confirmed_on", flat=True).first()
    if confirmed is not None:
        since = max(since, day_start(confirmed))
    # From different phones: one phone saying it twice is one report; held or hidden
    # feedback does not count (a serious complaint, so the few rows are read and their lists
    # looked into here, on SQLite as on PostgreSQL).
    recent = (
        Feedback.objects.counted()
        .filter(station_id=station_id, created_at__gte=since, serious=True)
        .values_list("device_hash", "problems")
    )
    phones = {phone for phone, problems in recent if FeedbackProblem.CLOSED_IN_HOURS in problems}
    if len(phones) < FLAG_REPORTS:
        return False
    flagged = Station.objects.filter(pk=station_id, reported_closed_on__isnull=True).update(
        reported_closed_on=today, listing_doubtful=True, updated_at=timezone.now()
    )
    if flagged:
        _announce(station_id)
    return bool(flagged)


def listings_doubt_refresh() -> int:
    """The nightly pass: each numbered station's kept doubt follows the rule for today (a
    confirmation grows old at midnight, nothing else happens to it). Announced, so the
    directory, the station pages and the open data show it."""
    changed = refresh_doubt(Station.objects.with_plaque(), timezone.localdate())
    for start in range(0, len(changed), 1000):
        ids = changed[start : start + 1000]
        unions = set(Station.objects.filter(pk__in=ids).values_list("union_id", flat=True))
        announce("station", ids=ids, stations=ids, unions=unions)
    return len(changed)
