"""Views: asking for, watching, downloading and retrying generated documents.

Each view declares its access rule; records are looked up through their model's
``visible_to()`` and documents through ``GeneratedDocument.objects.visible_to()``, so another
union's ids, and documents an inspector may not read, answer 404. Union staff and the aid
center ask for documents and retry failed ones; inspectors read what their scope shows them
(a station's pledge and plaque).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from unions.access import access
from unions.roles import STAFF_READ

from . import kinds
from .models import GeneratedDocument
from .panel import REQUESTERS, panel_rows
from .protected import protected_file_response
from .services import document_request, document_retry


def _record(request, record_type: str, pk: int):
    registered = kinds.record_type(record_type)
    if registered is None:
        raise Http404
    return get_object_or_404(registered.model.objects.visible_to(request.user), pk=pk)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _record_page(record_key: str) -> str:
    name, _sep, pk = record_key.partition(":")
    registered = kinds.record_type(name)
    if registered is None or not registered.page:
        return reverse("home")
    try:
        return reverse(registered.page, kwargs={"pk": pk})
    except NoReverseMatch:
        return reverse("home")


def back_url(request, record_key: str) -> str:
    """Where a form post returns to: ``next`` or the referring page if ours, else the
    record's page (a report has none: the staff home)."""
    for candidate in (request.POST.get("next"), request.headers.get("Referer")):
        # A path or a full URL only: redirect() takes any other word for a view name to
        # reverse, and a posted next="x" was a 500 (tests/ops hostile posts).
        if not candidate or not candidate.startswith(("/", "http://", "https://")):
            continue
        if url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    return _record_page(record_key)


def answer(request, record_key: str, *, document=None, error: str = ""):
    """JSON for the panel's script (202 queued or ready, 400 refused), else a redirect."""
    if _wants_json(request):
        body = {"error": error} if error else {"id": document.pk, "state": document.state}
        return JsonResponse(body, status=400 if error else 202)
    if error:
        messages.error(request, error)
    elif document.is_ready:
        messages.info(request, _("The document is ready."))
    else:
        messages.success(
            request, _("The document is being prepared; this page shows when it is ready.")
        )
    return redirect(back_url(request, record_key))


def request_document(request, record, kind: str):
    """Ask for ``kind`` of ``record`` on behalf of the signed-in user and answer the page."""
    key = kinds.record_key(record)
    try:
        document = document_request(kind=kind, record=record, by=request.user)
    except ValidationError as exc:
        return answer(request, key, error=" ".join(exc.messages))
    return answer(request, key, document=document)


def file_response(document: GeneratedDocument) -> HttpResponseBase:
    """The stored file as an attachment; callers looked the document up through its scope."""
    if not document.is_ready:
        raise Http404
    return protected_file_response(
        document.file,
        content_type=document.content_type,
        disposition=content_disposition_header(True, document.download_name),
    )


@access(*REQUESTERS, methods=("POST",))
@require_POST
def document_request_view(request, record, pk, kind):
    obj = _record(request, record, pk)
    if kind not in kinds.kinds_for(obj):
        raise Http404
    return request_document(request, obj, kind)


@never_cache
@access(*STAFF_READ)
def document_status(request, record, pk):
    """The record's documents as JSON for the panel's poller, with the rows' HTML."""
    obj = _record(request, record, pk)
    rows = panel_rows(obj, request.user)
    html = render_to_string("documents/_panel_rows.html", {"rows": rows}, request=request)
    return JsonResponse(
        {
            "pending": any(row.pending for row in rows),
            "documents": [row.as_json() for row in rows],
            "html": html,
        }
    )


@access(*STAFF_READ)
def document_download(request, pk):
    document = get_object_or_404(GeneratedDocument.objects.visible_to(request.user), pk=pk)
    return file_response(document)


@access(*REQUESTERS, methods=("POST",))
@require_POST
def document_retry_view(request, pk):
    document = get_object_or_404(GeneratedDocument.objects.visible_to(request.user), pk=pk)
    try:
        document = document_retry(document=document, by=request.user)
    except ValidationError as exc:
        return answer(request, document.record_key, error=" ".join(exc.messages))
    return answer(request, document.record_key, document=document)


app_name = "documents"

urlpatterns = [
    path("staff/documents/<slug:record>/<int:pk>/status.json", document_status, name="status"),
    path(
        "staff/documents/<slug:record>/<int:pk>/<slug:kind>/",
        document_request_view,
        name="request",
    ),
    path("staff/documents/<int:pk>/download/", document_download, name="download"),
    path("staff/documents/<int:pk>/retry/", document_retry_view, name="retry"),
]
