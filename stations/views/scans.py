"""Serving an uploaded scan: only as the type its bytes are, and only as a download.

Whatever the stored name says (scans stored before names were generated keep the
sender's), the type is read again from the bytes: PDF, JPEG or PNG, else a plain
``application/octet-stream``. ``attachment``, ``nosniff`` and a sandboxing CSP mean a
browser never renders a scan as a page of the portal.
"""

from __future__ import annotations

from django.http import Http404
from django.http.response import HttpResponseBase

from documents.protected import protected_file_response

from ..forms.uploads import read_scan_type
from .common import content_disposition


def scan_response(field_file, *, stem: str) -> HttpResponseBase:
    """The scan as a download named ``stem`` plus the detected type's extension.

    Callers have already looked the record up through its scope (``visible_to``).
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    found = read_scan_type(handle)
    mime, extension = (found.mime, found.extension) if found else ("application/octet-stream", "")
    response = protected_file_response(
        field_file,
        content_type=mime,
        disposition=content_disposition(f"{stem}{extension}"),
        handle=handle,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
