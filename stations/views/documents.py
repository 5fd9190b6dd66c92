"""Views: generated documents (PDFs and zips). Each view declares its access rule; records
and documents are looked up through visible_to(), so another union's ids answer 404.

Union staff and the aid center ask for documents and retry failed ones; inspectors may read
and download what their scope shows them.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from unions.access import access

from ..documents.panel import RECORD_TYPES, kinds_for, panel_rows, record_type_of
from ..documents.snapshots import DocumentUnavailable, batch_snapshot
from ..models import FilingForm, GeneratedDocument
from ..services.documents import document_request, document_retry
from .common import FORM_METHODS, STAFF_READ, UNION_OR_AID, private_file_response

Kind = GeneratedDocument.Kind

RECORD_PAGES = {
    "station": "stations:staff_detail",
    "filing": "stations:filing_detail",
    "agreement": "stations:agreement_detail",
}


def _record(request, record_type: str, pk: int):
    model = RECORD_TYPES.get(record_type)
    if model is None:
        raise Http404
    return get_object_or_404(model.objects.visible_to(request.user), pk=pk)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request, record) -> str:
    """Where a form post returns to: ``next`` or the referring page if ours, else the record."""
    for candidate in (request.POST.get("next"), request.headers.get("Referer")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    if record is None:  # a report: no page of its own
        return reverse("home")
    try:
        return reverse(RECORD_PAGES[record_type_of(record)], kwargs={"pk": record.pk})
    except (KeyError, NoReverseMatch):
        return reverse("home")


def _answer(request, record, *, document=None, error: str = ""):
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
    return redirect(_back(request, record))


def _request(request, record, kind: str):
    try:
        document = document_request(kind=kind, record=record, by=request.user)
    except ValidationError as exc:
        return _answer(request, record, error=" ".join(exc.messages))
    return _answer(request, record, document=document)


@access(*UNION_OR_AID, methods=("POST",))
@require_POST
def document_request_view(request, record, pk, kind):
    obj = _record(request, record, pk)
    if kind not in kinds_for(obj) or kind == Kind.BATCH_ZIP:
        raise Http404
    return _request(request, obj, kind)


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


def _file(document: GeneratedDocument):
    if not document.is_ready:
        raise Http404
    response = private_file_response(document.file, filename=document.download_name)
    response["Content-Type"] = document.content_type
    response["Cache-Control"] = "private, no-store"
    return response


@access(*STAFF_READ)
def document_download(request, pk):
    document = get_object_or_404(GeneratedDocument.objects.visible_to(request.user), pk=pk)
    return _file(document)


@access(*UNION_OR_AID, methods=("POST",))
@require_POST
def document_retry_view(request, pk):
    document = get_object_or_404(GeneratedDocument.objects.visible_to(request.user), pk=pk)
    record = document.station or document.filing or document.agreement
    try:
        document = document_retry(document=document, by=request.user)
    except ValidationError as exc:
        return _answer(request, record, error=" ".join(exc.messages))
    return _answer(request, record, document=document)


@access(*UNION_OR_AID, methods=FORM_METHODS)
def filing_batch_zip(request, pk):
    """GET: the filing's current zip of pledges and plaques, once made. POST: make it."""
    filing = get_object_or_404(FilingForm.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        return _request(request, filing, Kind.BATCH_ZIP)
    try:
        snapshot = batch_snapshot(filing)
    except DocumentUnavailable as exc:
        raise Http404(" ".join(exc.messages)) from exc
    document = (
        GeneratedDocument.objects.visible_to(request.user)
        .filter(kind=Kind.BATCH_ZIP, record_key=snapshot.record_key, version=snapshot.version)
        .first()
    )
    if document is None:
        raise Http404(_("The zip has not been made yet."))
    return _file(document)


urlpatterns = [
    path(
        "staff/documents/<slug:record>/<int:pk>/status.json",
        document_status,
        name="document_status",
    ),
    path(
        "staff/documents/<slug:record>/<int:pk>/<slug:kind>/",
        document_request_view,
        name="document_request",
    ),
    path("staff/documents/<int:pk>/download/", document_download, name="document_download"),
    path("staff/documents/<int:pk>/retry/", document_retry_view, name="document_retry"),
    path("staff/filings/<int:pk>/documents.zip", filing_batch_zip, name="filing_batch_zip"),
]
