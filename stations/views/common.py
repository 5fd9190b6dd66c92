"""Small helpers shared by the stations views."""

from __future__ import annotations

from urllib.parse import quote

from django.core.paginator import Paginator

from unions.models import Role

STAFF_READ = (Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR)
UNION_OR_AID = (Role.UNION_STAFF, Role.AID_CENTER)
FORM_METHODS = ("GET", "HEAD", "POST")


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def content_disposition(filename: str, inline: bool = False) -> str:
    """RFC 6266/5987 header so that Chinese file names survive every browser."""
    kind = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
