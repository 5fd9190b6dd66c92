"""The aid center accepts the position of a check made far from its station (services/position.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from unions.access import access

from ..models import Inspection
from ..services.position import POSITION_ACTIONS, inspection_position_accept

ACCEPT = POSITION_ACTIONS["accept_position"]


class PositionAcceptForm(forms.Form):
    reason = forms.CharField(
        label=ACCEPT.reason_label,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _lazy("Please give a reason.")},
    )


@access(*ACCEPT.roles, methods=("POST",))
def check_position_accept(request, pk):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    form = PositionAcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("inspections:check_detail", pk=inspection.pk)
    try:
        inspection_position_accept(
            inspection=inspection, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The position is accepted: the check counts as made at the station.")
        )
    return redirect("inspections:check_detail", pk=inspection.pk)
