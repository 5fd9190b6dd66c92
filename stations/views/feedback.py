"""Workers' feedback and "I used this station" (public, no login), and the staff pages that
follow them: moderation by the aid center, tickets answered by the station's union."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from unions.access import access
from unions.actions import available
from unions.dates import day_range
from unions.pages import key_page

from ..devices import DEVICE, UNAVAILABLE, Asker, claim, forget_today, used_today
from ..forms.feedback import (
    RATING_WORDS,
    FeedbackForm,
    ModerationForm,
    TicketCloseForm,
    TicketReplyForm,
)
from ..models import (
    FEEDBACK_ACTIONS,
    SERIOUS_PROBLEMS,
    TICKET_ACTIONS,
    Feedback,
    FeedbackStatus,
    FeedbackTicket,
    Station,
    TicketStatus,
)
from ..permissions import RECORD_ROLES
from ..services.feedback import (
    STATION_FULL,
    feedback_hide,
    feedback_leave,
    feedback_release,
    feedback_show,
    ticket_close,
    ticket_reply,
)
from ..services.visits import tap_target, visit_record
from .common import FORM_METHODS, grown_count
from .public import PLAQUE_STAGES

POST = ("POST",)


def _numbered_station(plaque_no: str) -> Station:
    """The station a plaque names, at any stage a plaque can be in (as the station page)."""
    station = (
        Station.objects.with_plaque()
        .select_related("union")
        .filter(plaque_number=plaque_no.upper())
        .first()
    )
    if station is None or station.status not in PLAQUE_STAGES:
        raise Http404
    return station


@access(public=True, methods=FORM_METHODS)
def feedback_form(request, plaque_no: str):
    station = _numbered_station(plaque_no)
    asker = Asker(request)
    context = {"station": station, "rating_words": RATING_WORDS}
    if not station.is_public:
        # Still a page, not a 404: the worker scanned a real plaque and deserves to know why.
        return asker.remember(render(request, "public/feedback_form.html", context))
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
    return asker.remember(render(request, "public/feedback_form.html", context, status=status))


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


# --- Staff: moderation (aid center) -----------------------------------------------------
# What a row of the moderation list shows.
MODERATION_FIELDS = (
    "rating", "problems", "comment", "serious", "created_at", "status", "moderation_note",
    "station", "station__name",
)  # fmt: skip


HELD_SHOWN = 100


@access(*RECORD_ROLES["feedback_moderation"])
def feedback_moderation(request):
    rows = Feedback.objects.visible_to(request.user)
    shown = request.GET.get("status", "")
    if shown in FeedbackStatus.values:
        rows = rows.filter(status=shown)
    if request.GET.get("serious"):
        rows = rows.filter(serious=True)
    rows = rows.filter(**day_range("created_at", request.GET))
    # The count of 1,000,000 ratings is kept, new ones added to it, until one is moderated
    # (the filters are the status, which only moderation changes, and seriousness, fixed
    # when left).
    moderated = Feedback.objects.aggregate(last=Max("moderated_at"))["last"]
    return render(
        request,
        "stations/feedback_moderation.html",
        {
            # Read by key, newest first, from the index on the time (and status, or
            # seriousness): a deep page costs what the first does.
            "page": key_page(
                request,
                rows,
                order=("-created_at", "-id"),
                per_page=50,
                # A row names its station; a whole one (39 fields, some JSON) was built
                # for each of the 50, and the moderator, joined too, was never shown.
                rows=rows.select_related("station").only(*MODERATION_FIELDS),
                count=lambda: grown_count(rows, moderated),
            ),
            "statuses": FeedbackStatus.choices,
            "status": shown,
            # How many wait, read as at most HELD_SHOWN ids from the status index: bounded
            # however large a flood, and no second count of the list.
            "held": len(
                Feedback.objects.visible_to(request.user)
                .filter(status=FeedbackStatus.HELD)
                .values_list("pk", flat=True)[:HELD_SHOWN]
            ),
            "held_more": HELD_SHOWN,
            "held_status": FeedbackStatus.HELD,
            "serious": bool(request.GET.get("serious")),
            "form": ModerationForm(),
            "moves": FEEDBACK_ACTIONS,
        },
    )


@access(*RECORD_ROLES["feedback_moderation"], methods=POST)
def feedback_moderate(request, pk: int):
    feedback = get_object_or_404(Feedback.objects.visible_to(request.user), pk=pk)
    form = ModerationForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    # Held feedback has two buttons (release, hide); the others one, which turns it over.
    # The names are FEEDBACK_ACTIONS' rows; the service checks the row.
    action = request.POST.get("action", "")
    if action not in FEEDBACK_ACTIONS:
        action = "hide" if feedback.is_visible else ("release" if feedback.is_held else "show")
    service, done = {
        "hide": (feedback_hide, _("Feedback hidden: it no longer counts in the rating.")),
        "release": (feedback_release, _("Feedback released: it now counts in the rating.")),
        "show": (feedback_show, _("Feedback shown again.")),
    }[action]
    try:
        service(feedback=feedback, by=request.user, note=note)
        messages.success(request, done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("stations:feedback_moderation")


# --- Staff: tickets (the union replies, the aid center closes) -----------------------------
@access(*RECORD_ROLES["ticket_read"])
def ticket_list(request):
    rows = FeedbackTicket.objects.visible_to(request.user)
    shown = request.GET.get("status", "")
    if shown in TicketStatus.values:
        rows = rows.filter(status=shown)
    rows = rows.filter(**day_range("opened_at", request.GET))
    page = key_page(
        request,
        rows,
        order=("-opened_at", "-id"),
        per_page=50,
        rows=rows.select_related("station", "feedback"),
        count=rows.count,
    )
    return render(
        request,
        "stations/ticket_list.html",
        {"page": page, "statuses": TicketStatus.choices, "status": shown},
    )


def _ticket(request, pk: int) -> FeedbackTicket:
    return get_object_or_404(
        FeedbackTicket.objects.visible_to(request.user).select_related(
            "station", "feedback", "replied_by", "closed_by"
        ),
        pk=pk,
    )


@access(*RECORD_ROLES["ticket_read"])
def ticket_detail(request, pk: int):
    ticket = _ticket(request, pk)
    return _ticket_page(request, ticket, TicketReplyForm(initial={"reply": ticket.reply}))


COMPLAINTS_SHOWN = 100


def _ticket_page(request, ticket, reply_form, close_form=None, status=200):
    moves = available(TICKET_ACTIONS.values(), ticket, request.user)
    return render(
        request,
        "stations/ticket_detail.html",
        {
            "ticket": ticket,
            "may_reply": TICKET_ACTIONS["reply"] in moves,
            "close": TICKET_ACTIONS["close"] if TICKET_ACTIONS["close"] in moves else None,
            # Its reports (a day's, bounded by FEEDBACK_PER_STATION_PER_DAY), newest first.
            "complaints": ticket.complaints.order_by("-created_at", "-id")[:COMPLAINTS_SHOWN],
            "reply_form": reply_form,
            "close_form": close_form or TicketCloseForm(),
        },
        status=status,
    )


@access(*RECORD_ROLES["ticket_reply"], methods=POST)
def ticket_reply_view(request, pk: int):
    ticket = _ticket(request, pk)
    form = TicketReplyForm(request.POST)
    if form.is_valid():
        try:
            ticket_reply(ticket=ticket, by=request.user, reply=form.cleaned_data["reply"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reply sent."))
            return redirect("stations:ticket_detail", pk=ticket.pk)
    return _ticket_page(request, ticket, form, status=400)


@access(*RECORD_ROLES["ticket_close"], methods=POST)
def ticket_close_view(request, pk: int):
    ticket = _ticket(request, pk)
    form = TicketCloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        ticket_close(ticket=ticket, by=request.user, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Ticket closed."))
    return redirect("stations:ticket_detail", pk=ticket.pk)


urlpatterns = [
    path("stations/<str:plaque_no>/feedback/", feedback_form, name="feedback"),
    path("stations/<str:plaque_no>/visit/", station_visit, name="visit"),
    path("staff/feedback/", feedback_moderation, name="feedback_moderation"),
    path("staff/feedback/<int:pk>/moderate/", feedback_moderate, name="feedback_moderate"),
    path("staff/feedback/tickets/", ticket_list, name="ticket_list"),
    path("staff/feedback/tickets/<int:pk>/", ticket_detail, name="ticket_detail"),
    path("staff/feedback/tickets/<int:pk>/reply/", ticket_reply_view, name="ticket_reply"),
    path("staff/feedback/tickets/<int:pk>/close/", ticket_close_view, name="ticket_close"),
]
