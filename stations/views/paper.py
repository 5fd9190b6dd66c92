"""Dated paper steps: 附件1's paper copies arrive, the plaque is delivered, then hung."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unions.access import access

from ..forms.records import DATE
from ..models import FilingForm, Station
from ..permissions import RECORD_ROLES
from ..services.paper import filing_paper_receive, plaque_deliver, plaque_hang


class DayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("date"), widget=DATE)


class PaperForm(DayForm):
    copies = forms.IntegerField(
        label=gettext_lazy("copies"),
        min_value=1,
        max_value=3,
        initial=FilingForm.PAPER_COPIES_FOR_AID_CENTER,
    )


def _say(request, form, done) -> None:
    if not form.is_valid():
        messages.error(request, _("Give a valid date."))
        return
    try:
        text = done(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, text)


@access(*RECORD_ROLES["paper_filing"], methods=("POST",))
@require_POST
def filing_paper_received(request, pk):
    filing = get_object_or_404(FilingForm.objects.visible_to(request.user), pk=pk)

    def done(data):
        filing_paper_receive(
            filing=filing, by=request.user, received_on=data["day"], copies=data["copies"]
        )
        return _("Paper copies of filing form #%(pk)s recorded as received on %(date)s.") % {
            "pk": filing.pk,
            "date": data["day"].isoformat(),
        }

    _say(request, PaperForm(request.POST), done)
    return redirect("stations:filing_detail", pk=filing.pk)


@access(*RECORD_ROLES["plaque_delivery"], methods=("POST",))
@require_POST
def plaque_delivered(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)

    def done(data):
        plaque_deliver(station=station, by=request.user, delivered_on=data["day"])
        return _("Plaque %(number)s of %(name)s recorded as delivered on %(date)s.") % {
            "number": station.plaque_number,
            "name": station.name,
            "date": data["day"].isoformat(),
        }

    _say(request, DayForm(request.POST), done)
    return redirect("stations:staff_detail", pk=station.pk)


@access(*RECORD_ROLES["plaque_hanging"], methods=("POST",))
@require_POST
def plaque_hung(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)

    def done(data):
        plaque_hang(station=station, by=request.user, hung_on=data["day"])
        return _("Plaque %(number)s of %(name)s recorded as hung on %(date)s.") % {
            "number": station.plaque_number,
            "name": station.name,
            "date": data["day"].isoformat(),
        }

    _say(request, DayForm(request.POST), done)
    return redirect("stations:staff_detail", pk=station.pk)


urlpatterns = [
    path("staff/filings/<int:pk>/paper/", filing_paper_received, name="filing_paper_received"),
    path("staff/stations/<int:pk>/plaque/delivered/", plaque_delivered, name="plaque_delivered"),
    path("staff/stations/<int:pk>/plaque/hung/", plaque_hung, name="plaque_hung"),
]
