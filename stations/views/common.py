"""Small helpers shared by the stations views."""

from __future__ import annotations

from urllib.parse import quote

from django.core.cache import cache
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


def paginate_ids(
    request, queryset, per_page: int = 50, rows=None, count_key: str = "", read_ids=None
):
    """A page of ``queryset`` found by its ids first, then the page's rows fetched by id.

    Counting and skipping to a deep page read only the ids (an index in the query's
    order), not the joined rows; ``rows`` (a queryset of the same model, the same one by
    default) adds joins and annotations for the page's rows alone. One count per page, or
    none while ``count_key`` (which must change with the rows counted) finds it cached.
    ``read_ids(ids, count, end)`` reads the page's ids (a sliced queryset) knowing the
    list's count and the position of the page's last row, where that changes how.
    """
    paginator = _CachedCountPaginator(queryset.values_list("pk", flat=True), per_page)
    paginator.count_key = count_key
    page = paginator.get_page(request.GET.get("page"))
    if read_ids is None:
        ids = list(page.object_list)
    else:
        ids = read_ids(page.object_list, paginator.count, page.end_index())
    found = {row.pk: row for row in (queryset if rows is None else rows).filter(pk__in=ids)}
    page.object_list = [found[pk] for pk in ids if pk in found]
    return page


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266/5987 header so that Chinese file names survive every browser."""
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
