"""Workers' feedback and "I used this station": the public side, no login. What follows
them on the staff side (moderation by the aid center, tickets answered by the station's
union) is stations/views/feedback.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from stations import public_cache
from stations.devices import DEVICE, UNAVAILABLE, Asker, claim, forget_today, used_today
from stations.forms.feedback import RATING_WORDS, FeedbackForm
from stations.models import SERIOUS_PROBLEMS, Station
from stations.services.feedback import STATION_FULL, feedback_leave
from stations.services.visits import tap_target, visit_record
from stations.views.common import FORM_METHODS
from unions.access import access

from .station import PLAQUE_STAGES

POST = ("POST",)


def _numbered_station(plaque_no: str) -> Station:
    """The station a plaque names, at any stage a plaque can be in (as the station page)."""
    station = (
        Station.objects.with_plaque()
        .filter(plaque_number=plaque_no.upper())
        # What the form and the thanks show, whether it takes ratings, and what a rating
        # records (feedback_leave): the other 46 columns, four of them JSON, left unread.
        .only("name", "plaque_number", "status", "union_id")
        .first()
    )
    if station is None or station.status not in PLAQUE_STAGES:
        raise Http404
    return station


@access(public=True, methods=FORM_METHODS)
def feedback_form(request, plaque_no: str):
    asker = Asker(request)
    # The empty form, as every phone that has not rated the station today sees it, is kept
    # drawn beside the station's page (stations/public_cache.py): the page a worker opens
    # from the plaque's QR code, then this one (issue 26: 10.6× the anonymous trivial view).
    page = public_cache.feedback_page(plaque_no)
    found = public_cache.kept_copy(request, page)
    if found is not None and not used_today("feedback", found.owner, asker):
        return asker.remember(public_cache.answer(request, found))
    station = _numbered_station(plaque_no)
    context = {"station": station, "rating_words": RATING_WORDS}
    if not station.is_public:
        # Still a page, not a 404: the worker scanned a real plaque and deserves to know why.
        return asker.remember(_kept_or_drawn(request, plaque_no, station, context))
    form = FeedbackForm(request.POST or None)
    status = 200
    refused = None
    if request.method == "POST" and form.is_valid():
        refused = claim("feedback", station.pk, asker)
        if refused in (None, UNAVAILABLE):
            try:
                feedback = feedback_leave(
                    station=station,
                    device_hash=asker.device_hash,
                    address_hash=asker.address_hash,
                    # Uncounted by the limits (the cache is down): kept, but a moderator
                    # decides whether it counts.
                    hold=refused == UNAVAILABLE,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                if exc.code == STATION_FULL:
                    refused = "station"
                    forget_today("feedback", station.pk, asker)
                else:
                    form.add_error(None, exc)
                    refused = None
            else:
                context["feedback"] = feedback
                return asker.remember(render(request, "public/feedback_thanks.html", context))
        # 429: the client (and any test) can tell a limit from a form error. The form comes
        # back with everything the worker typed; a serious complaint still shows the hotline.
        status = 429 if refused else 200
        context["serious"] = any(p in SERIOUS_PROBLEMS for p in form.cleaned_data["problems"])
    context.update(
        form=form,
        refused=refused,
        already=not refused
        and request.method == "GET"
        and used_today("feedback", station.pk, asker),
    )
    if request.method == "GET" and not context["already"]:
        return asker.remember(_kept_or_drawn(request, plaque_no, station, context))
    return asker.remember(render(request, "public/feedback_form.html", context, status=status))


def _kept_or_drawn(request, plaque_no: str, station: Station, context: dict):
    """The form as every phone sees it before rating, kept for the next one; only under the
    plaque's own spelling, the key a change to the station drops."""
    if plaque_no != station.plaque_number:
        return render(request, "public/feedback_form.html", context)
    return public_cache.render_and_keep(
        request,
        public_cache.feedback_page(station.plaque_number),
        lambda extra: render(request, "public/feedback_form.html", {**context, **extra}),
        owner=station.pk,
    )


# What a refused tap is told, by the limit that refused it.
TAP_REFUSALS = {
    DEVICE: _lazy("Your visit today is already counted. Thank you."),
    "address": _lazy(
        "Too many taps from your network just now: this one is not counted. Thank you."
    ),
    "network": _lazy(
        "Too many taps from your network just now: this one is not counted. Thank you."
    ),
    "station": _lazy(
        "This station's visits for this hour are already counted in full: yours is not "
        "added. Thank you for using it."
    ),
    UNAVAILABLE: _lazy("Visits cannot be counted just now. Please tap again in a few minutes."),
}


@access(public=True, methods=POST)
def station_visit(request, plaque_no: str):
    """The 'I used this station' tap: counted once per phone, station and day, and within
    the address's, the network's and the station's allowances (stations/devices.py)."""
    station = tap_target(plaque_no)
    if station is None or station.status not in PLAQUE_STAGES:
        raise Http404
    asker = Asker(request)
    if not station.is_public:
        messages.warning(request, _("This station is not operating, so visits are not counted."))
    else:
        refused = claim("visit", station.pk, asker)
        if refused is None:
            visit_record(station=station)
            messages.success(request, _("Thank you. Your visit has been counted."))
        elif refused == DEVICE:
            messages.info(request, TAP_REFUSALS[DEVICE])
        else:
            messages.warning(request, TAP_REFUSALS[refused])
    response = redirect("stations:public_detail", plaque_no=station.plaque_number)
    return asker.remember(response)


urlpatterns = [
    path("stations/<str:plaque_no>/feedback/", feedback_form, name="feedback"),
    path("stations/<str:plaque_no>/visit/", station_visit, name="visit"),
]
