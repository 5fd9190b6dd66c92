"""The staff pages that follow workers' feedback: moderation by the aid center, tickets
answered by the station's union. The public side (the form, the visit tap) is
public/views/feedback.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from unions.access import access
from unions.actions import available
from unions.dates import day_range
from unions.pages import key_page

from ..forms.feedback import (
    ModerationForm,
    TicketCloseForm,
    TicketReplyForm,
)
from ..models import (
    FEEDBACK_ACTIONS,
    TICKET_ACTIONS,
    Feedback,
    FeedbackStatus,
    FeedbackTicket,
    TicketStatus,
)
from ..permissions import RECORD_ROLES
from ..services.feedback import (
    feedback_hide,
    feedback_release,
    feedback_show,
    ticket_close,
    ticket_reply,
)
from .common import grown_count

POST = ("POST",)

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
    path("staff/feedback/", feedback_moderation, name="feedback_moderation"),
    path("staff/feedback/<int:pk>/moderate/", feedback_moderate, name="feedback_moderate"),
    path("staff/feedback/tickets/", ticket_list, name="ticket_list"),
    path("staff/feedback/tickets/<int:pk>/", ticket_detail, name="ticket_detail"),
    path("staff/feedback/tickets/<int:pk>/reply/", ticket_reply_view, name="ticket_reply"),
    path("staff/feedback/tickets/<int:pk>/close/", ticket_close_view, name="ticket_close"),
]
