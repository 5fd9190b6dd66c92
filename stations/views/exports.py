"""Views: the registry's Excel export, made in the background (documents/registry_export.py).

The registry page posts its filters here; the job is queued (or found again, when the same
export was asked for this minute) and the user is sent to the export's page, which shows
how far the job is and offers the file once it is ready (documents:download). The page and
its status are looked up through ``GeneratedDocument.objects.visible_to()``, where an
export is its requester's alone (unions.scopes).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents.exports import export_page, export_status
from documents.models import GeneratedDocument
from documents.services import document_request
from unions.access import access
from unions.models import CarrierType, Union
from unions.roles import STAFF_READ

from ..documents.codes import Kind
from ..documents.registry_export import RegistryExport
from ..models import Audience, StationStatus
from ..selectors import registry_params


def registry_url(filters: dict[str, str]) -> str:
    """The registry list with these filters."""
    query = urlencode(filters)
    return reverse("stations:registry") + (f"?{query}" if query else "")


@access(*STAFF_READ, methods=("POST",))
@require_POST
def registry_export_request(request):
    """Ask for the export of the registry as the posted filters narrow it."""
    filters = registry_params(request.POST)
    export = RegistryExport(
        user=request.user, filters=filters, at=timezone.now(), language=get_language()
    )
    try:
        document = document_request(kind=Kind.REGISTRY_EXPORT, record=export, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(registry_url(filters))
    return redirect("stations:registry_export_detail", pk=document.pk)


def _exports(request):
    return GeneratedDocument.objects.visible_to(request.user).filter(kind=Kind.REGISTRY_EXPORT)


def _filter_labels(filters: dict[str, str]) -> list[tuple[str, str]]:
    """The export's filters as the registry page words them."""
    words = {
        "status": (_("Status"), dict(StationStatus.choices)),
        "district": (_("District"), {d: d for d in settings.DISTRICTS}),
        "audience": (_("Audience"), dict(Audience.choices)),
        "carrier": (_("Carrier type"), dict(CarrierType.choices)),
    }
    labels = []
    for name, value in filters.items():
        if name == "q":
            labels.append((_("Search"), value))
        elif name == "union":
            union = Union.objects.filter(code=value).first()
            labels.append((_("Union"), union.name if union else value))
        elif name in words:
            label, names = words[name]
            labels.append((label, str(names.get(value, value))))
    return labels


@never_cache
@access(*STAFF_READ)
def registry_export_detail(request, pk):
    document = get_object_or_404(_exports(request), pk=pk)
    filters = document.payload.get("filters", {})
    status_url = reverse("stations:registry_export_status", kwargs={"pk": pk})
    return render(
        request,
        "stations/excel/registry_export.html",
        {
            **export_page(document, _exports(request), status_url),
            "filter_labels": _filter_labels(filters),
            "registry_url": registry_url(filters),
        },
    )


@never_cache
@access(*STAFF_READ)
def registry_export_status(request, pk):
    """The export's state for the page's poller (documents.exports.export_status)."""
    document = get_object_or_404(_exports(request), pk=pk)
    return export_status(request, document, "stations/excel/_registry_export_state.html")


urlpatterns = [
    path("staff/stations/exports/", registry_export_request, name="registry_export_request"),
    path("staff/stations/exports/<int:pk>/", registry_export_detail, name="registry_export_detail"),
    path(
        "staff/stations/exports/<int:pk>/status.json",
        registry_export_status,
        name="registry_export_status",
    ),
]
