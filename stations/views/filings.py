"""Union staff file 附件1 online: the unit rows, stations one by one, then submit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import Role
from unions.pages import key_page
from unions.roles import UNION_OR_AID, role_of, union_of

from ..forms.filing import FilingHeaderForm, StationForm
from ..models import ACTIONS, FilingForm, Station
from ..permissions import RECORD_ROLES, may
from ..selectors import filing_history
from ..services.filing import (
    filing_create,
    filing_station_counts,
    filing_submit,
    station_add,
    station_edit_and_resubmit,
)
from ..services.filing import filing_edit as filing_edit_service
from ..services.filing import station_edit as station_edit_service
from ..services.lifecycle import TransitionError
from .common import FORM_METHODS
from .scans import scan_response


def _filing(request, pk) -> FilingForm:
    return get_object_or_404(FilingForm.objects.visible_to(request.user), pk=pk)


@access(*UNION_OR_AID)
def filing_list(request):
    # Stations are counted for the page's 25 filings only: annotating the whole list
    # grouped every station of every filing (375 ms at 200,000 stations) to show 25.
    filings = FilingForm.objects.visible_to(request.user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in FilingForm.Status.values:
        filings = filings.filter(status=status)
    if role_of(request.user) == Role.AID_CENTER and request.GET.get("union"):
        filings = filings.filter(union__code=request.GET["union"])
    return render(
        request,
        "stations/filing_list.html",
        {
            "page": key_page(
                request,
                filings,
                order=("-created_at", "-id"),
                per_page=25,
                rows=filings.select_related("union").annotate(station_count=Count("stations")),
                count=filings.count,
            ),
            "statuses": FilingForm.Status.choices,
        },
    )


@access(*RECORD_ROLES["filing"], methods=FORM_METHODS)
def filing_create_view(request):
    union = union_of(request.user)
    form = FilingHeaderForm(
        request.POST or None, request.FILES or None, initial={"unit_name": union.name}, union=union
    )
    if request.method == "POST" and form.is_valid():
        filing = filing_create(union=union, by=request.user, **form.cleaned_data)
        messages.success(request, _("Filing form saved as a draft. Now add its stations."))
        return redirect("stations:filing_station_add", pk=filing.pk)
    return render(request, "stations/filing_form.html", {"form": form})


# A filing's station as its page lists it.
FILING_ROW_FIELDS = (
    "row_number",
    "name",
    "address",
    "head_name",
    "head_mobile",
    "opening_hours_text",
    "area_m2",
    "services",
    "services_other",
    "status",
    "status_reason",
    "plaque_number",
)


@access(*UNION_OR_AID)
def filing_detail(request, pk):
    filing = _filing(request, pk)
    # The stations through their own scope too, not through the filing: a row whose union
    # differs from its filing's is never shown to the filing's union.
    stations = (
        Station.objects.visible_to(request.user)
        .filter(filing=filing)
        .order_by("row_number", "id")
        # What its rows show (stations_tags.filing_station_lists) and whether it may be
        # submitted: not the other 34 columns, four of them JSON (issue 26).
        .only(*FILING_ROW_FIELDS)
    )
    return render(
        request,
        "stations/filing_detail.html",
        {
            "filing": filing,
            "stations": stations,
            "counts": filing_station_counts(filing),
            "can_edit": may(request.user, "filing"),
            "can_submit": may(request.user, "filing") and any(s.is_editable for s in stations),
            # The button asks the question the ACTIONS table gives for submission.
            "submit_action": ACTIONS["submit"],
            "history": filing_history(filing, request.user),
        },
    )


@access(*RECORD_ROLES["filing"], methods=FORM_METHODS)
def filing_edit(request, pk):
    filing = _filing(request, pk)
    form = FilingHeaderForm(
        request.POST or None, request.FILES or None, instance=filing, union=filing.union
    )
    if request.method == "POST" and form.is_valid():
        filing_edit_service(filing=filing, by=request.user, **form.cleaned_data)
        messages.success(request, _("Filing form saved."))
        return redirect("stations:filing_detail", pk=filing.pk)
    return render(request, "stations/filing_form.html", {"form": form, "filing": filing})


@access(*RECORD_ROLES["filing"], methods=FORM_METHODS)
def filing_station_add(request, pk):
    filing = _filing(request, pk)
    form = StationForm(request.POST or None, union=filing.union, filing=filing)
    if request.method == "POST" and form.is_valid():
        station = station_add(filing=filing, station=form.save(commit=False), by=request.user)
        messages.success(request, _("Station “%(name)s” added.") % {"name": station.name})
        if "add_another" in request.POST:
            return redirect("stations:filing_station_add", pk=filing.pk)
        return redirect("stations:filing_detail", pk=filing.pk)
    return render(request, "stations/station_form.html", {"form": form, "filing": filing})


@access(*RECORD_ROLES["station_edit"], methods=FORM_METHODS)
def station_edit(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    if not station.is_editable:
        messages.error(request, _("Only draft or returned stations can be edited."))
        return redirect("stations:staff_detail", pk=station.pk)
    form = StationForm(request.POST or None, instance=station, union=station.union)
    resubmit = "resubmit" in request.POST
    if request.method == "POST" and form.is_valid():
        try:
            if resubmit:
                station_edit_and_resubmit(station=form.save(commit=False), by=request.user)
            else:
                station_edit_service(station=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("stations:staff_detail", pk=station.pk)
        if resubmit:
            messages.success(
                request,
                _("Station “%(name)s” saved and sent back to the aid center for review.")
                % {"name": station.name},
            )
        else:
            messages.success(request, _("Station “%(name)s” saved.") % {"name": station.name})
        return redirect("stations:filing_detail", pk=station.filing_id)
    return render(
        request,
        "stations/station_form.html",
        {"form": form, "filing": station.filing, "station": station},
    )


@access(*RECORD_ROLES["filing"], methods=("POST",))
@require_POST
def filing_submit_view(request, pk):
    filing = _filing(request, pk)
    try:
        count = filing_submit(filing=filing, by=request.user)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(count)d stations sent to the aid center for review.") % {"count": count}
        )
    return redirect("stations:filing_detail", pk=filing.pk)


@access(*UNION_OR_AID)
def filing_scan(request, pk):
    filing = _filing(request, pk)
    return scan_response(filing.signed_scan, stem=f"filing-{filing.pk}-signed-scan")


urlpatterns = [
    path("staff/filings/", filing_list, name="filing_list"),
    path("staff/filings/new/", filing_create_view, name="filing_create"),
    path("staff/filings/<int:pk>/", filing_detail, name="filing_detail"),
    path("staff/filings/<int:pk>/edit/", filing_edit, name="filing_edit"),
    path("staff/filings/<int:pk>/stations/add/", filing_station_add, name="filing_station_add"),
    path("staff/filings/<int:pk>/submit/", filing_submit_view, name="filing_submit"),
    path("staff/filings/<int:pk>/scan/", filing_scan, name="filing_scan"),
    path("staff/stations/<int:pk>/edit/", station_edit, name="station_edit"),
]
