"""Views: a filing's zip of pledges and plaques, at its own address. The other document views
(asking, status, download, retry) are the documents app's, for every registered record."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _

from documents.models import GeneratedDocument
from documents.snapshots import DocumentUnavailable
from documents.views import file_response, request_document
from unions.access import access
from unions.roles import UNION_OR_AID

from ..documents.codes import Kind
from ..documents.snapshots import batch_snapshot
from ..models import FilingForm
from .common import FORM_METHODS


@access(*UNION_OR_AID, methods=FORM_METHODS)
def filing_batch_zip(request, pk):
    """GET: the filing's current zip of pledges and plaques, once made. POST: make it."""
    filing = get_object_or_404(FilingForm.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        return request_document(request, filing, Kind.BATCH_ZIP)
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
    return file_response(document)


urlpatterns = [
    path("staff/filings/<int:pk>/documents.zip", filing_batch_zip, name="filing_batch_zip"),
]
