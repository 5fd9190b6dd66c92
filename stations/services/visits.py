"""'I used this station': anonymous counts per station and day, and their totals."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from ..models import Station, StationVisitDay
from ..public_cache import forget

TOTAL_KEY = "visits:total"


def visit_record(*, station: Station) -> None:
    """One tap: a single ``UPDATE … SET count = count + 1`` on today's row, which the
    database applies atomically however many taps arrive together; the day's first tap
    creates the row (and a racing second one falls back to the update)."""
    day = timezone.localdate()
    rows = StationVisitDay.objects.filter(station=station, day=day)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                StationVisitDay.objects.create(station=station, day=day, count=1)
        except IntegrityError:
            rows.update(count=F("count") + 1)
    forget(station.plaque_number)  # the page shows the new count (stations.public_cache)


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
