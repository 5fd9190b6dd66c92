"""Listings due for confirmation (issue 24, item 4): a union's operating stations not
confirmed for LISTING_CONFIRM_DAYS, or reported closed during their posted hours, to confirm
in bulk or open and edit. The aid center reads every union's list."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from unions.access import access
from unions.pages import key_page
from unions.params import id_params
from unions.roles import UNION_OR_AID

from ..caches import LIST_COUNT_SECONDS, list_count_key
from ..freshness import doubtful_before, due
from ..models import Station
from ..permissions import RECORD_ROLES, may
from ..services.freshness import listing_confirm

PER_PAGE = 50
ROW_FIELDS = (
    "name", "plaque_number", "address", "opening_hours_text", "confirmed_on",
    "reported_closed_on", "union", "union__name",
)  # fmt: skip


def _due(user):
    today = timezone.localdate()
    return Station.objects.visible_to(user).public().filter(due(today))


@access(*UNION_OR_AID)
def listings_due(request, status=200, ticked=()):
    stations = _due(request.user)
    # Counting the city's due listings reads every public station (about 50 ms at national
    # size for the aid center): the count is kept as the registry's is, under the stations'
    # list version (stations/caches.py), so any change starts a new one.
    key = list_count_key(request.user, "listings-due", timezone.localdate())
    page = key_page(
        request,
        # What a row shows (freshness_tags.listing_due_rows), not the station's 46 columns.
        stations.select_related("union").only(*ROW_FIELDS),
        order=("id",),
        per_page=PER_PAGE,
        count=lambda: cache.get_or_set(key, stations.count, LIST_COUNT_SECONDS),
    )
    return render(
        request,
        "stations/listings_due.html",
        {
            "page": page,
            "total": page.count,
            "doubtful_before": doubtful_before(timezone.localdate()),
            "may_confirm": may(request.user, "listing_confirmation"),
            "ticked": set(ticked),
        },
        status=status,
    )


@access(*RECORD_ROLES["listing_confirmation"], methods=("POST",))
@require_POST
def listings_confirm(request):
    ids = id_params(request.POST.getlist("station"))
    if not ids:
        messages.error(request, _("Tick at least one station."))
        return listings_due(request, status=400)
    # Only the caller's own stations are found; the service checks each again.
    stations = list(Station.objects.visible_to(request.user).filter(pk__in=ids))
    if len(stations) != len(set(ids)):
        messages.error(request, _("Some of the ticked stations are not yours to confirm."))
        return listings_due(request, status=403, ticked=ids)
    try:
        done = listing_confirm(stations=stations, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return listings_due(request, status=400, ticked=ids)
    messages.success(
        request,
        ngettext(
            "%(n)s station's details confirmed as they are.",
            "%(n)s stations' details confirmed as they are.",
            len(done),
        )
        % {"n": len(done)},
    )
    return redirect("stations:listings_due")


urlpatterns = [
    path("staff/stations/confirm/", listings_due, name="listings_due"),
    path("staff/stations/confirm/done/", listings_confirm, name="listings_confirm"),
]
