"""Asking for a campaign's report (issue 23, item 1): the PDF or the workbook of its progress
as the caller may read it, queued for the Celery worker (stations/documents/campaign_report.py).

The aid center asks for the city-wide report, a union for its own: the caller's scope decides
which, so no one can ask for another union's. Nothing about the campaign changes, so there is
no history row: the documents app keeps who asked and when (GeneratedDocument.requested_by),
as for every other generated document.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from documents.models import GeneratedDocument
from documents.reports import report_request
from documents.services import document_request
from unions.roles import UNION_OR_AID, role_of

from ..documents.campaign_report import CampaignReport, campaign_report_spec
from ..documents.codes import Kind
from ..models import Campaign

PDF, XLSX = "pdf", "xlsx"
FORMATS = (PDF, XLSX)


def campaign_report_request(*, campaign: Campaign, fmt: str, by) -> GeneratedDocument:
    """The report in ``fmt`` ("pdf" or "xlsx") of the campaign as ``by`` sees it now; asking
    again before anything changed finds the same document."""
    if role_of(by) not in UNION_OR_AID:
        raise PermissionDenied(_("Your role may not ask for this document."))
    report = CampaignReport(campaign=campaign, user=by)
    if fmt == PDF:
        return report_request(spec=campaign_report_spec(report), by=by)
    if fmt == XLSX:
        return document_request(kind=Kind.CAMPAIGN_REPORT, record=report, by=by)
    raise ValidationError(_("Unknown kind of document."))
