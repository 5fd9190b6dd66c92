"""The aid center's review queue: accept (六有), approve, return or reject."""

from __future__ import annotations

import datetime as dt

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from unions.access import access
from unions.models import Union
from unions.pages import key_page
from unions.params import id_params
from unions.roles import AID

from ..caches import ACCEPTANCE_FORM_KEY, ACCEPTANCE_FORM_SECONDS
from ..forms.records import AcceptanceForm, BulkAcceptanceForm
from ..models import Station
from ..permissions import RECORD_ROLES
from ..selectors import QUEUE_ORDERS, review_queue
from ..services.lifecycle import station_approve
from ..services.review import acceptance_record
from .common import FORM_METHODS
from .messages import bulk_approved_message

QUEUE_ORDER_LABELS = (
    ("waiting", gettext_lazy("Longest waiting first")),
    ("recent", gettext_lazy("Most recently submitted first")),
)


# Stations a page. Each row is drawn with its acceptance and links; at national size 100 a
# page cost 68 ms (two thirds of it drawing them), over the 50 ms of a staff page; 50 is a
# tick-all and one acceptance form per batch, read by key page after page.
QUEUE_PER_PAGE = 50


def _queue_page(request, acceptance_form: BulkAcceptanceForm, ticked=(), status=200):
    union = request.GET.get("union", "")
    order = request.GET.get("order", "waiting")
    queue = review_queue(request.user, union=union, order=order)
    page = key_page(
        request,
        queue,
        order=(*QUEUE_ORDERS.get(order, QUEUE_ORDERS["waiting"]), "id"),
        per_page=QUEUE_PER_PAGE,
        count=queue.count,
    )
    now = timezone.now()
    for station in page:
        # review_queue() prefetched the acceptances newest first.
        station.latest_acceptance = next(iter(station.acceptances.all()), None)
        station.waiting_days = (now - station.submitted_at).days
    return render(
        request,
        "stations/review_queue.html",
        {
            "page": page,
            "total": page.count,
            "unions": Union.objects.visible_to(request.user),
            "union": union,
            "order": order if order in QUEUE_ORDERS else "waiting",
            "orders": QUEUE_ORDER_LABELS,
            "acceptance_form": acceptance_form,
            "acceptance_fields": _acceptance_fields(acceptance_form),
            "ticked": set(ticked),
        },
        status=status,
    )


def _acceptance_form(data=None, day: dt.date | None = None) -> BulkAcceptanceForm:
    return BulkAcceptanceForm(
        data, prefix="acceptance", initial={"checked_on": day or timezone.localdate()}
    )


def _acceptance_fields(form: BulkAcceptanceForm) -> str:
    """The acceptance fieldset's fields as crispy draws them. Unfilled, as on every visit to
    the queue, they are the same for every officer on a day in a language: kept drawn by
    each worker process (the ``review-acceptance-form`` cache, stations/caches.py), since
    crispy's templates were a fifth of the page at national size (issue 26). A form sent
    back with its errors is drawn afresh."""
    if form.is_bound:
        return as_crispy_form(form)
    day = form.initial["checked_on"]
    # ``get_language()`` is the active one, in which the labels are drawn: it keys the copy.
    key = f"{ACCEPTANCE_FORM_KEY}{get_language()}:{day.isoformat()}"
    return caches["pages-local"].get_or_set(
        key, lambda: as_crispy_form(_acceptance_form(day=day)), ACCEPTANCE_FORM_SECONDS
    )


@access(*AID)
def review_queue_view(request):
    return _queue_page(request, _acceptance_form())


@access(*AID, methods=("POST",))
@require_POST
def review_bulk_approve(request):
    """Record the on-site acceptance and approve many stations in one go; each station is its
    own transaction, so one failure stops none."""
    ids = id_params(request.POST.getlist("station"))
    form = _acceptance_form(request.POST)
    if not ids:
        messages.error(request, _("Tick at least one station."))
        return _queue_page(request, form, status=400)
    if not form.is_valid():
        messages.error(request, _("The acceptance is not complete; nothing was approved."))
        return _queue_page(request, form, ticked=ids, status=400)
    stations = Station.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk")
    approved, failed = [], []
    for station in stations:
        try:
            station = station_approve(
                station=station, by=request.user, acceptance=form.acceptance()
            )
            approved.append(station)
        except (ValidationError, PermissionDenied) as exc:
            failed.append(f"{station.name}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
    if approved:
        messages.success(request, bulk_approved_message(approved))
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
