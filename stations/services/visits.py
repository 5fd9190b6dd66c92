"""'I used this station': anonymous counts per station and day, and their totals."""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from history.changes import announce

from ..models import PUBLIC_STATUSES, Station, StationVisitDay

TOTAL_KEY = "visits:total"

# The tap is the busiest write of the portal (issue 12: 300 a second on 2 cores), and the
# ORM's building of a query cost more than the query itself: the tap's read and its write
# are each one statement of plain SQL, the same on PostgreSQL and SQLite.
_STATION = Station._meta.db_table
_VISITS = StationVisitDay._meta.db_table
_TARGET_SQL = f"SELECT id, status, plaque_number FROM {_STATION} WHERE plaque_number = %s"  # noqa: S608
# One statement whatever the day's row: the first tap of the day inserts it, every later
# one adds one in place, atomically however many taps arrive together (no count is lost,
# no lock is held beyond the row).
_COUNT_SQL = (
    f"INSERT INTO {_VISITS} (station_id, day, count) VALUES (%s, %s, 1) "  # noqa: S608
    f"ON CONFLICT (station_id, day) DO UPDATE SET count = {_VISITS}.count + 1"
)


class TapTarget(NamedTuple):
    """The three facts of a station a tap needs."""

    id: int
    status: str
    plaque_number: str

    @property
    def pk(self) -> int:
        return self.id

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


def tap_target(plaque_number: str) -> TapTarget | None:
    """The station a numbered plaque names, or None (an empty plaque names nothing)."""
    if not plaque_number:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_TARGET_SQL, [plaque_number.upper()])
        row = cursor.fetchone()
    return TapTarget(*row) if row else None


def visit_record(*, station: Station | TapTarget) -> None:
    """One tap: one upsert of today's row for the station (see ``_COUNT_SQL``)."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [station.pk, timezone.localdate()])
    # The page shows the new count (its copy is dropped: stations/caches.py).
    announce("visit", ids=(station.pk,), stations=(station.pk,))


def station_visits(station: Station) -> int:
    return StationVisitDay.objects.filter(station=station).aggregate(n=Sum("count"))["n"] or 0


def visits_total() -> int:
    """Every tap at every station, read from the cache for a minute: the home page is the
    busiest page and a sum over every row is not worth doing per request."""
    total = cache.get(TOTAL_KEY)
    if total is None:
        total = StationVisitDay.objects.aggregate(n=Sum("count"))["n"] or 0
        cache.set(TOTAL_KEY, total, settings.VISIT_TOTAL_CACHE_SECONDS)
    return total
