"""Handing out a photo of a check, an order's answer or an appeal: its stored thumbnail to
show on a page (``?thumbnail=1``), or the original as a download. The original is never
drawn inline (services/thumbnails.py says why)."""

from __future__ import annotations

from django.http import Http404
from django.http.response import HttpResponseBase

from documents.protected import protected_file_response
from stations.views.common import content_disposition
from stations.views.scans import scan_response


def photo_response(request, row, original, *, stem: str) -> HttpResponseBase:
    """Callers have looked ``row`` up through its record's scope."""
    if request.GET.get("thumbnail") != "1":
        # Type re-read from the bytes, attachment, nosniff, sandboxed, no-store.
        return scan_response(original, stem=stem)
    if not row.thumbnail:
        raise Http404  # not made yet, or the original could not be drawn
    response = protected_file_response(
        row.thumbnail,
        content_type="image/jpeg",
        disposition=content_disposition(f"{stem}-thumbnail.jpg", inline=True),
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
