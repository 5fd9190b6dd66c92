"""互访互评 pairings: the aid center pairs unions for a quarter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access

from ...permissions import SETUP_ROLES
from ..forms import PairingForm
from ..models import PeerReviewPairing
from ..services.pairings import pairing_create, pairing_delete
from ..services.plans import quarter_of
from .common import FORM_METHODS


@access(*SETUP_ROLES["pairing"], methods=FORM_METHODS)
def pairing_list(request):
    year, quarter = quarter_of(timezone.localdate())
    form = PairingForm(request.POST or None, initial={"year": year, "quarter": quarter})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pairing_create(
                year=data["year"],
                quarter=data["quarter"],
                reviewer=data["reviewer"],
                reviewed=data["reviewed"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The unions are paired."))
            return redirect("inspections:pairing_list")
    pairings = PeerReviewPairing.objects.visible_to(request.user).select_related(
        "reviewer", "union"
    )
    return render(
        request,
        "inspections/orders/pairings.html",
        {"form": form, "pairings": pairings},
        status=400 if request.method == "POST" else 200,
    )


@access(*SETUP_ROLES["pairing"], methods=("POST",))
@require_POST
def pairing_remove(request, pk):
    pairing = get_object_or_404(PeerReviewPairing.objects.visible_to(request.user), pk=pk)
    try:
        pairing_delete(pairing=pairing, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The pairing is removed."))
    return redirect("inspections:pairing_list")
