"""Views: excel. Each view declares its access rule; lookups go through visible_to().

The 附件1 form both ways: the blank template, any filing in the official layout, the
upload that turns a filled-in form into a draft filing; the registry export's old address
(the export itself is a background job: exports.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from unions.access import access
from unions.roles import STAFF_READ, UNION_OR_AID, union_of

from ..excel.forms import FilingImportForm
from ..excel.layout import layout
from ..excel.writer import filing_workbook_bytes, template_workbook_bytes
from ..models import FilingForm
from ..permissions import RECORD_ROLES
from ..selectors import registry_params
from ..services.filing_import import filing_import
from .common import FORM_METHODS, content_disposition
from .exports import registry_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Filings and the registry carry station heads' mobile numbers: keep them out of caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _form_title() -> str:
    return layout().title.replace("“", "").replace("”", "")


@access(*UNION_OR_AID)
def filing_template(request):
    return xlsx_bytes_response(template_workbook_bytes(), f"{_form_title()}.xlsx")


@access(*UNION_OR_AID)
def filing_export(request, pk: int):
    filing = get_object_or_404(
        FilingForm.objects.visible_to(request.user).select_related("union"), pk=pk
    )
    stations = filing.stations.select_related("host_unit").order_by("row_number", "id")
    return xlsx_bytes_response(
        filing_workbook_bytes(filing, stations),
        f"{_form_title()}-{filing.unit_name}-{filing.pk}.xlsx",
    )


@access(*RECORD_ROLES["filing"], methods=FORM_METHODS)
def filing_import_view(request):
    posted = request.method == "POST"
    form = FilingImportForm(request.POST if posted else None, request.FILES if posted else None)
    result = None
    if posted and form.is_valid():
        result = filing_import(
            file=form.cleaned_data["file"], union=union_of(request.user), by=request.user
        )
        if result.ok:
            messages.success(
                request,
                _("Imported %(count)s station(s) as a draft filing. Check them, then submit.")
                % {"count": result.station_count},
            )
            return redirect("stations:filing_detail", pk=result.filing.pk)
    return render(
        request,
        "stations/excel/import.html",
        {
            "form": form,
            "result": result,
            "show_sheet": bool(result and any(p.sheet for p in result.problems)),
        },
    )


@access(*STAFF_READ)
def registry_export(request):
    """The export's old address (bookmarks, links in mails): an export is a background job
    now, asked for with a POST from the registry page, so this goes back to that page with
    the same filters rather than starting work on a GET."""
    messages.info(
        request,
        _("Excel exports are made in the background: press “Export to Excel” to start one."),
    )
    return redirect(registry_url(registry_params(request.GET)))


urlpatterns: list = [
    path("staff/filings/template.xlsx", filing_template, name="filing_template"),
    path("staff/filings/<int:pk>/form.xlsx", filing_export, name="filing_export"),
    path("staff/filings/import/", filing_import_view, name="filing_import"),
    path("staff/stations/export.xlsx", registry_export, name="registry_export"),
]
