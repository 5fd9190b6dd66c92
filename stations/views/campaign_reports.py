"""A campaign's reports on its progress page: the PDF and the workbook, asked for, watched and
downloaded like every generated document (the documents panel's rows, static/js/documents.js
polling the status, documents:download serving the file through its scope)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents.models import GeneratedDocument
from documents.panel import PanelRow
from documents.reports import REPORT
from documents.snapshots import snapshot_for
from documents.views import answer
from unions.access import access
from unions.roles import UNION_OR_AID, role_of

from ..campaign_progress import Progress
from ..documents.campaign_report import CampaignReport, campaign_report_spec
from ..documents.codes import Kind
from ..models import Campaign
from ..services.campaign_reports import FORMATS, PDF, XLSX, campaign_report_request

State = GeneratedDocument.State


@dataclass
class CampaignReportRow(PanelRow):
    """A row of the documents panel whose button asks for the campaign's report."""

    fmt: str = ""
    title: str = ""

    @property
    def label(self) -> str:
        return self.title

    @property
    def request_url(self) -> str:
        return reverse(
            "stations:campaign_report_request", kwargs={"pk": self.record_id, "fmt": self.fmt}
        )


def report_rows(campaign: Campaign, user, progress: Progress | None = None) -> list:
    """The PDF's and the workbook's rows for ``user``: the version of the figures as they
    are now, or the earlier one still ready while a new one is made."""
    report = CampaignReport(campaign=campaign, user=user, progress=progress)
    snapshots = (
        (PDF, REPORT, _("Campaign report (PDF)"), campaign_report_spec(report)),
        (XLSX, Kind.CAMPAIGN_REPORT, _("Campaign report (Excel)"), report),
    )
    visible = GeneratedDocument.objects.visible_to(user)
    may_ask = role_of(user) in UNION_OR_AID
    rows = []
    for fmt, kind, title, record in snapshots:
        snapshot = snapshot_for(kind, record)
        row = CampaignReportRow(
            kind=kind, record_type="campaign", record_id=campaign.pk, fmt=fmt, title=title
        )
        ours = visible.filter(kind=kind, record_key=snapshot.record_key)
        row.document = ours.filter(version=snapshot.version).first()
        row.can_request = may_ask
        if row.document is None or not row.document.is_ready:
            row.previous = (
                ours.filter(state=State.READY)
                .exclude(version=snapshot.version)
                .order_by("-finished_at", "-id")
                .first()
            )
        rows.append(row)
    return rows


@access(*UNION_OR_AID, methods=("POST",))
@require_POST
def campaign_report_request_view(request, pk, fmt):
    campaign = get_object_or_404(Campaign, pk=pk)
    if fmt not in FORMATS:
        raise Http404
    key = f"campaign:{campaign.pk}"
    try:
        document = campaign_report_request(campaign=campaign, fmt=fmt, by=request.user)
    except ValidationError as exc:
        response = answer(request, key, error=" ".join(exc.messages))
    else:
        response = answer(request, key, document=document)
    # A campaign is no record of the documents app, which sends a post that names no page
    # of ours (no ``next``, no referrer) to the staff home: back to the campaign instead.
    if response.status_code == 302 and response["Location"] == reverse("home"):
        response["Location"] = reverse("stations:campaign_detail", kwargs={"pk": campaign.pk})
    return response


@never_cache
@access(*UNION_OR_AID)
def campaign_report_status(request, pk):
    """The reports' rows as JSON for the panel's poller (documents:status's shape)."""
    campaign = get_object_or_404(Campaign, pk=pk)
    rows = report_rows(campaign, request.user)
    html = render_to_string(
        "documents/_panel_rows.html",
        {"rows": rows, "next_url": reverse("stations:campaign_detail", kwargs={"pk": pk})},
        request=request,
    )
    return JsonResponse(
        {
            "pending": any(row.pending for row in rows),
            "documents": [row.as_json() for row in rows],
            "html": html,
        }
    )


urlpatterns = [
    path(
        "staff/campaigns/<int:pk>/reports/status.json",
        campaign_report_status,
        name="campaign_report_status",
    ),
    path(
        "staff/campaigns/<int:pk>/reports/<slug:fmt>/",
        campaign_report_request_view,
        name="campaign_report_request",
    ),
]
