"""Views: the order list's CSV export, made in the background (orders_export.py).

The list posts its filters here; the job is queued (or found again, when the same export was
asked for this minute) and the user is sent to the export's page, which shows how far the
job is and offers the file once it is ready (documents:download). The page and its status
are looked up through ``GeneratedDocument.objects.visible_to()``, where an export is its
requester's alone (unions.scopes), as the registry export's are (stations/views/exports.py).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents.exports import export_page, export_status
from documents.models import GeneratedDocument
from documents.services import document_request
from stations.selectors import station_named
from unions.access import access
from unions.roles import STAFF_READ

from ..export import ORDER_EXPORT, OrderExport
from ..forms import order_params
from ..models import RectificationStatus


def order_list_url(filters: dict[str, str]) -> str:
    """The order list with these filters."""
    query = urlencode(filters)
    return reverse("inspections:order_list") + (f"?{query}" if query else "")


@access(*STAFF_READ)
def order_export(request):
    """The export's old address (bookmarks, links in mails): the CSV is a background job
    now, asked for with a POST from the list, so this goes back to the list with the same
    filters rather than writing every order on a GET."""
    messages.info(
        request, _("CSV exports are made in the background: press “Export CSV” to start one.")
    )
    return redirect(order_list_url(order_params(request.GET)))


@access(*STAFF_READ, methods=("POST",))
@require_POST
def order_export_request(request):
    """Ask for the CSV of the order list as the posted filters narrow it."""
    filters = order_params(request.POST)
    export = OrderExport(
        user=request.user, filters=filters, at=timezone.now(), language=get_language()
    )
    try:
        document = document_request(kind=ORDER_EXPORT, record=export, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(order_list_url(filters))
    return redirect("inspections:order_export_detail", pk=document.pk)


def _exports(request):
    return GeneratedDocument.objects.visible_to(request.user).filter(kind=ORDER_EXPORT)


def _filter_labels(user, filters: dict[str, str]) -> list[tuple[str, str]]:
    """The export's filters as the list words them; the station a list was narrowed to by
    its name and plaque, where the user may see it (the export reads through the same
    scope, so a station out of it lists nothing and is named by nothing)."""
    statuses = dict(RectificationStatus.choices)
    labels = []
    if "status" in filters:
        labels.append((_("Status"), str(statuses.get(filters["status"], filters["status"]))))
    if "district" in filters:
        labels.append((_("District"), filters["district"]))
    if "overdue" in filters:
        labels.append((_("Overdue only"), _("yes")))
    if "since" in filters:
        labels.append((_("Opened from"), filters["since"]))
    if "until" in filters:
        labels.append((_("Opened to"), filters["until"]))
    if "station" in filters:
        station = station_named(user, int(filters["station"]))
        named = f"{station.name} {station.plaque_number}".strip() if station else _("one station")
        labels.append((_("Station"), named))
    return labels


@never_cache
@access(*STAFF_READ)
def order_export_detail(request, pk):
    document = get_object_or_404(_exports(request), pk=pk)
    filters = document.payload.get("filters", {})
    status_url = reverse("inspections:order_export_status", kwargs={"pk": pk})
    return render(
        request,
        "inspections/orders/export.html",
        {
            **export_page(document, _exports(request), status_url),
            "filter_labels": _filter_labels(request.user, filters),
            "list_url": order_list_url(filters),
        },
    )


@never_cache
@access(*STAFF_READ)
def order_export_status(request, pk):
    """The export's state for the page's poller (documents.exports.export_status)."""
    document = get_object_or_404(_exports(request), pk=pk)
    return export_status(request, document, "inspections/orders/_export_state.html")
