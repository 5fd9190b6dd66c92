"""Small helpers shared by the stations views."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from unions.models import Role

STAFF_READ = (Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR)
UNION_OR_AID = (Role.UNION_STAFF, Role.AID_CENTER)
FORM_METHODS = ("GET", "HEAD", "POST")


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class _CachedCountPaginator(Paginator):
    """A paginator whose count is kept in the cache under ``count_key`` for a minute."""

    count_key = ""

    @cached_property
    def count(self) -> int:
        if not self.count_key:
            return Paginator.count.func(self)
        return cache.get_or_set(self.count_key, lambda: Paginator.count.func(self), 60)


def paginate_ids(request, queryset, per_page: int = 50, rows=None, count_key: str = ""):
    """A page of ``queryset`` found by its ids first, then the page's rows fetched by id.

    Counting and skipping to a deep page read only the ids (an index in the query's
    order), not the joined rows; ``rows`` (a queryset of the same model, the same one by
    default) adds joins and annotations for the page's rows alone. One count per page, or
    none while ``count_key`` (which must change with the rows counted) finds it cached.
    """
    paginator = _CachedCountPaginator(queryset.values_list("pk", flat=True), per_page)
    paginator.count_key = count_key
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    found = {row.pk: row for row in (queryset if rows is None else rows).filter(pk__in=ids)}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def count_key(queryset, *marks) -> str:
    """Where ``paginate_ids`` keeps the count of ``queryset`` (a list of a national size).

    The key holds the list's SQL, so its scope and its filters: two users share a count
    only when they are shown the same rows. ``marks`` are values that change whenever the
    rows counted may have (the largest id, the last moderation), each an indexed lookup
    that costs nothing next to counting millions of rows. Empty (no caching) for a list
    that is empty by its scope: that one is not counted at all.
    """
    try:
        sql = str(queryset.query)
    except EmptyResultSet:
        return ""
    digest = hashlib.sha1(repr((sql, marks)).encode(), usedforsecurity=False).hexdigest()
    return f"list:count:{queryset.model._meta.label_lower}:{digest}"


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266/5987 header so that Chinese file names survive every browser."""
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
