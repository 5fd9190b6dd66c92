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

from ..campaign_progress import Progress, campaign_progress
from ..documents.campaign_report import CampaignReport, campaign_report_spec
from ..documents.codes import Kind
from ..models import Campaign
from ..services.campaign_reports import FORMATS, PDF, XLSX, campaign_report_request

State = GeneratedDocument.State
# The earlier versions read to find each row's newest ready one (a few per campaign).
PREVIOUS_READ = 20


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
    # Worked out once for both rows (the PDF's spec and the workbook each read the figures).
    if progress is None:
        progress = campaign_progress(campaign, user)
    report = CampaignReport(campaign=campaign, user=user, progress=progress)
    snapshots = (
        (PDF, REPORT, _("Campaign report (PDF)"), campaign_report_spec(report)),
        (XLSX, Kind.CAMPAIGN_REPORT, _("Campaign report (Excel)"), report),
    )
    visible = GeneratedDocument.objects.visible_to(user)
    may_ask = role_of(user) in UNION_OR_AID
    made = [
        (fmt, kind, title, snapshot_for(kind, record)) for fmt, kind, title, record in snapshots
    ]
    # Two reads for both rows (the page's cost: issue 23 holds progress under 10× the trivial
    # view): the documents of the figures as they are, then, for a row that has none ready,
    # the newest ready one of an earlier version.
    ours = visible.filter(
        kind__in=[kind for _f, kind, _t, _s in made],
        record_key__in={snapshot.record_key for *_rest, snapshot in made},
    )
    current = {
        (d.kind, d.version): d
        for d in ours.filter(version__in=[snapshot.version for *_rest, snapshot in made])
    }
    rows = []
    for fmt, kind, title, snapshot in made:
        row = CampaignReportRow(
            kind=kind, record_type="campaign", record_id=campaign.pk, fmt=fmt, title=title
        )
        row.document = current.get((kind, snapshot.version))
        row.can_request = may_ask
        rows.append((row, snapshot))
    wanting = [
        (row, snapshot) for row, snapshot in rows if not (row.document and row.document.is_ready)
    ]
    if wanting:
        earlier = (
            ours.filter(state=State.READY, kind__in=[row.kind for row, _s in wanting])
            .exclude(version__in=[snapshot.version for _r, snapshot in wanting])
            .order_by("-finished_at", "-id")[:PREVIOUS_READ]
        )
        newest: dict[str, GeneratedDocument] = {}
        for document in earlier:
            newest.setdefault(document.kind, document)
        for row, _snapshot in wanting:
            row.previous = newest.get(row.kind)
    rows = [row for row, _snapshot in rows]
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
