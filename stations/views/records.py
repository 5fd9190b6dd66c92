"""Agreements (附件2), pledges (附件3) and liability insurance, recorded per station."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import access

from ..forms.records import AgreementForm, InsuranceForm, PledgeForm
from ..models import Agreement, Pledge, Station, StationStatus
from ..permissions import RECORD_ROLES
from ..services.records import agreement_record, insurance_record, pledge_update
from .common import FORM_METHODS, UNION_OR_AID
from .scans import scan_response


def _station(request, pk) -> Station:
    return get_object_or_404(Station.objects.visible_to(request.user), pk=pk)


@access(*RECORD_ROLES["agreement"], methods=FORM_METHODS)
def agreement_create(request, pk):
    station = _station(request, pk)
    initial = {
        "stations": [station.pk],
        "host_unit": station.host_unit_id,
        "carrier_type": station.carrier_type,
        "signed_on": timezone.localdate(),
    }
    form = AgreementForm(
        request.POST or None, request.FILES or None, union=station.union, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = agreement_record(
                host_unit=form.host_unit_obj(),
                stations=data["stations"],
                by=request.user,
                signatory_a=data["signatory_a"],
                signatory_b=data["signatory_b"],
                signed_on=data["signed_on"],
                scan=data.get("scan"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect("stations:agreement_detail", pk=agreement.pk)
    return render(request, "stations/agreement_form.html", {"form": form, "station": station})


@access(*UNION_OR_AID)
def agreement_detail(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("host_unit", "union"), pk=pk
    )
    return render(
        request,
        "stations/agreement_detail.html",
        {"agreement": agreement, "stations": agreement.stations.order_by("plaque_seq")},
    )


@access(*UNION_OR_AID)
def agreement_scan(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    return scan_response(agreement.scan, stem=f"agreement-{agreement.pk}-scan")


@access(*RECORD_ROLES["pledge"], methods=FORM_METHODS)
def pledge_edit(request, pk):
    station = _station(request, pk)
    pledge = get_object_or_404(Pledge.objects.visible_to(request.user), station=station)
    form = PledgeForm(request.POST or None, request.FILES or None, instance=pledge)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("scan"):
            data.pop("scan", None)
        pledge_update(pledge=pledge, by=request.user, **data)
        messages.success(request, _("Pledge saved."))
        return redirect("stations:staff_detail", pk=station.pk)
    return render(
        request, "stations/pledge_form.html", {"form": form, "station": station, "pledge": pledge}
    )


@access(*UNION_OR_AID)
def pledge_scan(request, pk):
    pledge = get_object_or_404(Pledge.objects.visible_to(request.user), pk=pk)
    return scan_response(pledge.scan, stem=f"pledge-{pledge.pk}-scan")


@access(*RECORD_ROLES["insurance"], methods=FORM_METHODS)
def insurance_create(request, pk):
    station = _station(request, pk)
    if station.status in (StationStatus.REJECTED, StationStatus.CLOSED, StationStatus.REVOKED):
        messages.error(request, _("This station no longer operates."))
        return redirect("stations:staff_detail", pk=station.pk)
    form = InsuranceForm(request.POST or None)
    whole_unit = request.POST.get("whole_unit") == "on" and station.host_unit_id
    if request.method == "POST" and form.is_valid():
        insurance_record(
            union=station.union,
            by=request.user,
            station=None if whole_unit else station,
            host_unit=station.host_unit if whole_unit else None,
            **form.cleaned_data,
        )
        messages.success(request, _("Insurance policy recorded."))
        return redirect("stations:staff_detail", pk=station.pk)
    return render(request, "stations/insurance_form.html", {"form": form, "station": station})


urlpatterns = [
    path("staff/stations/<int:pk>/agreement/", agreement_create, name="agreement_create"),
    path("staff/agreements/<int:pk>/", agreement_detail, name="agreement_detail"),
    path("staff/agreements/<int:pk>/scan/", agreement_scan, name="agreement_scan"),
    path("staff/stations/<int:pk>/pledge/", pledge_edit, name="pledge_edit"),
    path("staff/pledges/<int:pk>/scan/", pledge_scan, name="pledge_scan"),
    path("staff/stations/<int:pk>/insurance/", insurance_create, name="insurance_create"),
]
