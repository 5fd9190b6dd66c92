"""Whether a station's listing is still known to be true (issue 24, item 4): the one place
the rule lives.

A listing is confirmed by the station's acceptance when it opens, by each check of the
supervision team, or by its union saying the details still hold. Unconfirmed for
LISTING_CONFIRM_DAYS (about six months) it is listed to its union to confirm or edit; past a
further LISTING_GRACE_DAYS, or once workers report it closed during its posted hours twice
within FLAG_WINDOW_DAYS, the public page says 信息待核实. Workers' most common complaint
about such stations is a door found locked during posted hours.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

# Two reports of "closed during posted hours" within this many days flag the listing.
FLAG_WINDOW_DAYS = 30
FLAG_REPORTS = 2


def due_before(today: dt.date) -> dt.date:
    """A station confirmed before this day is due for confirmation."""
    return today - dt.timedelta(days=settings.LISTING_CONFIRM_DAYS)


def doubtful_before(today: dt.date) -> dt.date:
    """A station confirmed before this day is shown as 信息待核实."""
    return due_before(today) - dt.timedelta(days=settings.LISTING_GRACE_DAYS)


def due(today: dt.date) -> Q:
    """The stations to list to their union: unconfirmed for long, or reported closed."""
    return (
        Q(confirmed_on__isnull=True)
        | Q(confirmed_on__lt=due_before(today))
        | Q(reported_closed_on__isnull=False)
    )


def doubtful(today: dt.date) -> Q:
    """The stations whose public page says 信息待核实 (is_doubtful, as a query)."""
    return (
        Q(reported_closed_on__isnull=False)
        | Q(confirmed_on__isnull=True)
        | Q(confirmed_on__lt=doubtful_before(today))
    )


def is_doubtful(station, today: dt.date) -> bool:
    if station.reported_closed_on is not None:
        return True
    return station.confirmed_on is None or station.confirmed_on < doubtful_before(today)


def refresh_doubt(stations, today: dt.date) -> list[int]:
    """Bring the kept column listing_doubtful in line with the rule for ``stations`` (a
    queryset); the ids whose doubt changed."""
    rule = doubtful(today)
    now_doubtful = list(
        stations.filter(rule).filter(listing_doubtful=False).values_list("pk", flat=True)
    )
    now_sure = list(
        stations.exclude(rule).filter(listing_doubtful=True).values_list("pk", flat=True)
    )
    model = stations.model
    # The record changed as the public sees it (details_unverified): the open data's
    # modified_after must hand it on.
    now = timezone.now()
    if now_doubtful:
        model.objects.filter(pk__in=now_doubtful).update(listing_doubtful=True, updated_at=now)
    if now_sure:
        model.objects.filter(pk__in=now_sure).update(listing_doubtful=False, updated_at=now)
    return now_doubtful + now_sure
