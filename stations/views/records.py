"""Agreements (附件2), pledges (附件3) and liability insurance, recorded per station."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import access
from unions.models import HostUnit
from unions.params import id_param
from unions.roles import UNION_OR_AID

from ..forms.records import AgreementForm, AgreementHostForm, InsuranceForm, PledgeForm
from ..models import Agreement, Pledge, Station, StationStatus
from ..permissions import RECORD_ROLES
from ..services.records import agreement_record, insurance_record, pledge_update
from .common import FORM_METHODS
from .scans import scan_response


def _station(request, pk) -> Station:
    return get_object_or_404(Station.objects.visible_to(request.user), pk=pk)


def _party_a(request, station: Station, hosts) -> tuple[HostUnit | None, str]:
    """The host unit chosen as Party A (甲方), or the name of a new one.

    Step one sends ``host_unit`` or ``new_host_unit`` (by GET, then carried in step two's
    POST); without a choice the station's own host unit is Party A.
    """
    source = request.POST if request.method == "POST" else request.GET
    chosen = source.get("host_unit", "")
    new_name = source.get("new_host_unit", "").strip()
    if id_param(chosen) is not None:
        return hosts.filter(pk=id_param(chosen)).first(), ""
    if new_name:
        return None, new_name
    if "choose" in source:
        return None, ""
    return station.host_unit, ""


@access(*RECORD_ROLES["agreement"], methods=FORM_METHODS)
def agreement_create(request, pk):
    station = _station(request, pk)
    hosts = HostUnit.objects.visible_to(request.user).filter(union=station.union)
    host, new_name = _party_a(request, station, hosts)
    host_form = AgreementHostForm(
        initial={"host_unit": host.pk if host else None, "new_host_unit": new_name},
        hosts=hosts,
        offered=(station.host_unit_id, host.pk if host else None),
    )
    if host is None and not new_name:
        return render(
            request,
            "stations/agreement_form.html",
            {"host_form": host_form, "station": station},
        )
    initial = {
        "stations": [station.pk]
        if station.host_unit_id in (None, getattr(host, "pk", None))
        else [],
        "signed_on": timezone.localdate(),
    }
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        union=station.union,
        host_unit=host,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = agreement_record(
                host_unit=host
                or HostUnit.objects.get_or_create(
                    union=station.union,
                    name=new_name,
                    defaults={"carrier_type": station.carrier_type},
                )[0],
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
            messages.success(
                request,
                _("Agreement with %(host)s recorded for %(count)d stations.")
                % {"host": agreement.host_unit.name, "count": len(data["stations"])},
            )
            return redirect("stations:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "stations/agreement_form.html",
        {
            "form": form,
            "host_form": host_form,
            "host": host,
            "new_host_unit": new_name,
            "station": station,
        },
    )


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
    # Read before validation: a ModelForm writes the posted values onto its instance.
    was_on_file = pledge.on_file
    form = PledgeForm(request.POST or None, request.FILES or None, instance=pledge)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("scan"):
            data.pop("scan", None)
        pledge = pledge_update(pledge=pledge, by=request.user, **data)
        if pledge.on_file and not was_on_file:
            messages.success(
                request,
                _("Signed pledge of %(name)s recorded as received on %(date)s.")
                % {"name": station.name, "date": pledge.received_on.isoformat()},
            )
            station.refresh_from_db(fields=["status"])
            if station.status == StationStatus.ACTIVE:
                messages.success(request, _("%(name)s now operates.") % {"name": station.name})
        else:
            messages.success(
                request, _("Pledge record of %(name)s saved.") % {"name": station.name}
            )
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
