"""The aid center's review queue: accept (六有), approve, return or reject."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import Role

from ..forms.records import AcceptanceForm
from ..models import Station
from ..permissions import RECORD_ROLES
from ..selectors import review_queue
from ..services.lifecycle import station_approve
from ..services.review import acceptance_record
from .common import FORM_METHODS, paginate


@access(Role.AID_CENTER)
def review_queue_view(request):
    queue = review_queue(request.user)
    union = request.GET.get("union", "")
    if union:
        queue = queue.filter(union__code=union)
    page = paginate(request, queue, 100)
    for station in page:
        # review_queue() prefetched the acceptances newest first.
        station.latest_acceptance = next(iter(station.acceptances.all()), None)
    return render(request, "stations/review_queue.html", {"page": page, "total": queue.count()})


@access(Role.AID_CENTER, methods=("POST",))
@require_POST
def review_bulk_approve(request):
    """Approve many stations in one go; each is its own transaction, so one failure stops none."""
    ids = [int(i) for i in request.POST.getlist("station") if i.isdigit()]
    if not ids:
        messages.error(request, _("Tick at least one station."))
        return redirect("stations:review_queue")
    if request.POST.get("accepted_all_six") != "on":
        messages.error(
            request,
            _("Confirm that the on-site acceptance met all six standards (六有) before approving."),
        )
        return redirect("stations:review_queue")
    stations = Station.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk")
    approved, failed = [], []
    for station in stations:
        try:
            station = station_approve(station=station, by=request.user, accepted_all_six=True)
            approved.append(station.plaque_number)
        except (ValidationError, PermissionDenied) as exc:
            failed.append(f"{station.name}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
    if approved:
        messages.success(
            request,
            _("%(count)d stations approved: %(first)s – %(last)s.")
            % {"count": len(approved), "first": approved[0], "last": approved[-1]},
        )
    for line in failed:
        messages.error(request, line)
    return redirect("stations:review_queue")


@access(*RECORD_ROLES["acceptance"], methods=FORM_METHODS)
def acceptance_create(request, pk):
    station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
    form = AcceptanceForm(request.POST or None, initial={"checked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        acceptance = acceptance_record(station=station, by=request.user, **form.cleaned_data)
        if acceptance.passed:
            messages.success(request, _("Acceptance recorded: all six standards met."))
        else:
            messages.warning(
                request,
                _(
                    "Acceptance recorded, but not all six standards are met; the station cannot be approved yet."
                ),
            )
        return redirect("stations:staff_detail", pk=station.pk)
    return render(request, "stations/acceptance_form.html", {"form": form, "station": station})


urlpatterns = [
    path("staff/review/", review_queue_view, name="review_queue"),
    path("staff/review/approve/", review_bulk_approve, name="review_bulk_approve"),
    path("staff/stations/<int:pk>/acceptance/", acceptance_create, name="acceptance_create"),
]
