"""Handing a private file (a generated document, an uploaded scan) to the browser.

The view has already looked the record up through its scope. Without a front server the
file is streamed by Django (``FileResponse``). Behind nginx, with
``PROTECTED_MEDIA_ACCEL`` set (e.g. ``/protected/``), Django answers with an empty body and
an ``X-Accel-Redirect`` header naming the file under that internal location, and nginx sends
the bytes itself (deploy/nginx/relay.conf): a gunicorn worker is not held for the length of
a download, and the media folder is still reachable only through Django's permission check,
since nginx refuses outside requests to an ``internal`` location.

nginx keeps the upstream's Content-Type, Content-Disposition and Cache-Control on such a
redirect but not other headers: the internal location adds ``nosniff`` and the sandboxing
CSP again.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase


def accel_location(field_file) -> str | None:
    """The internal URI nginx serves ``field_file`` from, or None to stream it from Django.

    Only for files on the local (or shared, mounted) file system: nginx reads the media
    folder itself.
    """
    prefix = settings.PROTECTED_MEDIA_ACCEL
    if not prefix or not isinstance(field_file.storage, FileSystemStorage):
        return None
    return prefix.rstrip("/") + "/" + quote(field_file.name)


def protected_file_response(
    field_file, *, content_type: str, disposition: str, handle=None
) -> HttpResponseBase:
    """The private file as a download, by X-Accel-Redirect when configured.

    ``handle`` is the file already opened by the caller (to read its type), else it is
    opened here; a missing file is a 404 either way.
    """
    location = accel_location(field_file)
    if location is not None:
        if handle is not None:
            handle.close()
        elif not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = location
    else:
        if handle is None:
            try:
                handle = field_file.open("rb")
            except FileNotFoundError as exc:
                raise Http404 from exc
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # Scans and documents carry signatures, stamps and mobile numbers: kept out of caches.
    response["Cache-Control"] = "private, no-store"
    return response
