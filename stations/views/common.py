"""Small helpers shared by the stations views."""

from __future__ import annotations

import hashlib
import time
from urllib.parse import quote

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Max

# The named role sets are unions/roles.py's; views import them from there.
FORM_METHODS = ("GET", "HEAD", "POST")


# How long ``grown_count`` carries a count forward before counting the list afresh.
RECOUNT_SECONDS = 300


def count_key(queryset, *marks) -> str:
    """Where ``grown_count`` keeps the count of ``queryset`` (a list of a national size).

    The key holds the list's SQL, so its scope and its filters: two users share a count
    only when they are shown the same rows. ``marks`` are values that change whenever the
    rows counted may have (the last moderation), each an indexed lookup that costs
    nothing next to counting millions of rows. Empty (no caching) for a list that is
    empty by its scope: that one is not counted at all.
    """
    try:
        sql = str(queryset.query)
    except EmptyResultSet:
        return ""
    digest = hashlib.sha1(repr((sql, marks)).encode(), usedforsecurity=False).hexdigest()
    return f"list:count:{queryset.model._meta.label_lower}:{digest}"


def grown_count(queryset, *marks) -> int:
    """The count of a list that changes only by new rows, whose filtered fields are fixed
    once written (``marks``, as in ``count_key``, change with anything else that moves a
    row in or out of it, such as a moderation).

    Counted once, then carried forward by counting only the rows added since: a range of
    ids. At national size a check is logged every few seconds; a count dropped on every
    new row would seldom be found. Counted afresh after RECOUNT_SECONDS, so that a row
    whose transaction took an id before the last counted one and was committed after it
    is counted too.
    """
    key = count_key(queryset, *marks)
    if not key:
        return queryset.count()
    last = queryset.model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    kept = cache.get(key)
    now = time.time()
    if kept is None or now - kept[2] > RECOUNT_SECONDS or kept[1] > last:
        total, since = queryset.filter(pk__lte=last).count(), now
    else:
        total, counted, since = kept
        if counted == last:
            return total
        total += queryset.filter(pk__gt=counted, pk__lte=last).count()
    cache.set(key, (total, last, since), RECOUNT_SECONDS)
    return total


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266/5987 header so that Chinese file names survive every browser."""
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
