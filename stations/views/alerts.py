"""Heat and cold alerts on the staff side (issue 23, item 3): every member of staff reads
them; the aid center declares and ends them; a union records the hours each of its stations
keeps under them (清凉模式 / 暖心模式)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import access
from unions.pages import key_page
from unions.roles import STAFF_READ

from ..alert_hours import around, notices, rows_of
from ..forms.alerts import AlertForm, AlertHoursForm
from ..models import AlertKind, Station, WeatherAlert
from ..permissions import RECORD_ROLES, may
from ..services.alerts import alert_declare, alert_end, station_alert_hours_set
from .common import FORM_METHODS


def _list(request, form, *, status=200):
    today = timezone.localdate()
    page = key_page(
        request, WeatherAlert.objects.select_related("declared_by"), order=("-starts_on", "-id"),
        per_page=20,
    )  # fmt: skip
    return render(
        request,
        "stations/alert_list.html",
        {
            "page": page,
            "today": today,
            "notices": notices(around(timezone.now()), today),
            "form": form,
            "may_declare": may(request.user, "alert"),
        },
        status=status,
    )


@access(*STAFF_READ)
def alert_list(request):
    today = timezone.localdate()
    form = (
        AlertForm(initial={"starts_on": today, "ends_on": today})
        if may(request.user, "alert")
        else None
    )
    return _list(request, form)


@access(*RECORD_ROLES["alert"], methods=("POST",))
def alert_create(request):
    form = AlertForm(request.POST)
    if form.is_valid():
        try:
            alert_declare(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Alert declared. Stations in its mode now show their longer hours.")
            )
            return redirect("stations:alert_list")
    return _list(request, form, status=400)


@access(*RECORD_ROLES["alert"], methods=("POST",))
def alert_stop(request, pk):
    alert = get_object_or_404(WeatherAlert, pk=pk)
    try:
        alert_end(by=request.user, alert=alert)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Alert ended: from today the stations keep their own hours."))
    return redirect("stations:alert_list")


@access(*RECORD_ROLES["alert_hours"], methods=FORM_METHODS)
def station_alert_hours(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    kind = request.POST.get("kind") or request.GET.get("kind") or AlertKind.HEAT
    kind = kind if kind in AlertKind.values else AlertKind.HEAT
    if request.method == "POST":
        form = AlertHoursForm(request.POST, station=station)
        if form.is_valid():
            try:
                station_alert_hours_set(
                    by=request.user, station=station, kind=form.cleaned_data["kind"],
                    entries=form.entries,
                )  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Alert-mode hours saved."))
                return redirect("stations:staff_detail", pk=station.pk)
    else:
        form = AlertHoursForm(station=station, initial={"kind": kind})
        form.initial.update(form.initial_for(kind))
    today = timezone.localdate()
    return render(
        request,
        "stations/alert_hours_form.html",
        {
            "form": form,
            "station": station,
            "kind": kind,
            "kinds": AlertKind.choices,
            "rows": rows_of(station.alert_hours, today, around(timezone.now())),
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("staff/alerts/", alert_list, name="alert_list"),
    path("staff/alerts/new/", alert_create, name="alert_create"),
    path("staff/alerts/<int:pk>/end/", alert_stop, name="alert_end"),
    path("staff/stations/<int:pk>/alert-hours/", station_alert_hours, name="station_alert_hours"),
]
