"""Small helpers shared by the stations views."""

from __future__ import annotations

import hashlib
import time
from urllib.parse import quote

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils.functional import cached_property

# The named role sets are unions/roles.py's; views import them from there.
FORM_METHODS = ("GET", "HEAD", "POST")


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# How long ``grown_count`` carries a count forward before counting the list afresh.
RECOUNT_SECONDS = 300


class _CachedCountPaginator(Paginator):
    """A paginator whose count is kept in the cache under ``count_key`` for a minute, or
    given (``known_count``)."""

    count_key = ""
    known_count: int | None = None

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        if not self.count_key:
            return Paginator.count.func(self)
        return cache.get_or_set(self.count_key, lambda: Paginator.count.func(self), 60)


def paginate_ids(
    request,
    queryset,
    per_page: int = 50,
    rows=None,
    count_key: str = "",
    read_ids=None,
    count=None,
):
    """A page of ``queryset`` found by its ids first, then the page's rows fetched by id.

    Counting and skipping to a deep page read only the ids (an index in the query's
    order), not the joined rows; ``rows`` (a queryset of the same model, the same one by
    default) adds joins and annotations for the page's rows alone. One count per page, or
    none while ``count_key`` (which must change with the rows counted) finds it cached, or
    none when the ``count`` is given (``grown_count``).
    ``read_ids(ids, count, end)`` reads the page's ids (a sliced queryset) knowing the
    list's count and the position of the page's last row, where that changes how.
    """
    paginator = _CachedCountPaginator(queryset.values_list("pk", flat=True), per_page)
    paginator.count_key = count_key
    paginator.known_count = count
    page = paginator.get_page(request.GET.get("page"))
    if read_ids is None:
        ids = list(page.object_list)
    else:
        ids = read_ids(page.object_list, paginator.count, page.end_index())
    found = {row.pk: row for row in (queryset if rows is None else rows).filter(pk__in=ids)}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def count_key(queryset, *marks) -> str:
    """Where ``paginate_ids`` keeps the count of ``queryset`` (a list of a national size).

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
