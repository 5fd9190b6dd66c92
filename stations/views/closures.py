"""Staff post a temporary closure of an operating station."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unions.access import access

from ..models import Station, StationClosure
from ..permissions import RECORD_ROLES
from ..services.closures import closure_post
from .common import FORM_METHODS

DATE = forms.DateInput(attrs={"type": "date"})


class ClosureForm(forms.Form):
    starts_on = forms.DateField(label=gettext_lazy("closed from"), widget=DATE)
    ends_on = forms.DateField(label=gettext_lazy("closed until (inclusive)"), widget=DATE)
    reason = forms.CharField(
        label=gettext_lazy("reason shown to the public"),
        max_length=200,
        help_text=gettext_lazy(
            "Shown on the station's public page, e.g. 店面装修. Do not name anyone."
        ),
    )


@access(*RECORD_ROLES["closure"], methods=FORM_METHODS)
def closure_create(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    today = timezone.localdate()
    form = ClosureForm(request.POST or None, initial={"starts_on": today, "ends_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            closure_post(station=station, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Temporary closure posted."))
            return redirect("stations:staff_detail", pk=station.pk)
    closures = (
        StationClosure.objects.visible_to(request.user).filter(station=station).not_over(today)
    )
    return render(
        request,
        "stations/closure_form.html",
        {"form": form, "station": station, "closures": closures},
    )


urlpatterns = [
    path("staff/stations/<int:pk>/closure/", closure_create, name="closure_create"),
]
