"""Workers' feedback: leaving it, the rating it makes, moderation, and the tickets that
serious complaints open for the station's union.

The per-device and per-address limits are checked by the view before it calls
``feedback_leave`` (stations/devices.py): they are about the request, not the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.actions import NEW, ActionRefused, check
from unions.notices import notify_union

from ..models import (
    FEEDBACK_ACTIONS,
    SERIOUS_PROBLEMS,
    TICKET_ACTIONS,
    Feedback,
    FeedbackProblem,
    FeedbackTicket,
    RecordChange,
    Station,
)
from .history import record_change

COMMENT_MAX = 500


@dataclass(frozen=True)
class Rating:
    mean: float
    count: int

    @property
    def stars(self) -> int:
        """Whole stars to draw: the mean rounded half up."""
        return int(self.mean + 0.5)


def station_rating(station: Station) -> Rating | None:
    """The mean of the station's counted feedback, or None below the minimum count: a
    station is not judged on two taps."""
    row = (
        Feedback.objects.filter(station=station).counted().aggregate(n=Count("id"), m=Avg("rating"))
    )
    if not row["n"] or row["n"] < settings.FEEDBACK_RATING_MIN_COUNT:
        return None
    return Rating(mean=round(float(row["m"]), 1), count=row["n"])


def _checked(actions, name: str, record, by, reason: str, refused: str) -> str:
    """The row of the record's table (role, scope, status, reason), with this page's words
    for a move its status no longer allows."""
    try:
        return check(actions, name, record, by, reason=reason)
    except ActionRefused:
        raise ValidationError(refused) from None


@transaction.atomic
def feedback_leave(
    *,
    station: Station,
    rating: int,
    problems: list[str],
    comment: str,
    device_hash: str,
    address_hash: str,
) -> Feedback:
    """Record one worker's feedback; a serious complaint opens a ticket and tells the union."""
    if not station.is_public:
        raise ValidationError(_("Feedback is only taken for stations that are operating."))
    if rating not in range(1, 6):
        raise ValidationError(_("Please choose a rating from 1 to 5."))
    known = set(FeedbackProblem.values)
    problems = [p for p in FeedbackProblem.values if p in set(problems) & known]
    comment = (comment or "").strip()[:COMMENT_MAX]
    serious = any(p in SERIOUS_PROBLEMS for p in problems)
    feedback = Feedback.objects.create(
        station=station,
        union_id=station.union_id,
        rating=rating,
        problems=problems,
        comment=comment,
        serious=serious,
        device_hash=device_hash,
        address_hash=address_hash,
    )
    if serious:
        ticket_open(feedback=feedback)
    return feedback


def ticket_open(*, feedback: Feedback) -> FeedbackTicket:
    """A rule of the programme, not a person: a serious complaint opens the ticket."""
    check(TICKET_ACTIONS, "open", feedback, None, status=NEW)
    station = feedback.station
    ticket = FeedbackTicket.objects.create(
        feedback=feedback, station=station, union_id=station.union_id
    )
    labels = "、".join(
        str(FeedbackProblem(p).label) for p in feedback.problems if p in SERIOUS_PROBLEMS
    )
    notify_union(
        station.union,
        topic="feedback_ticket",
        subject=_("Serious complaint about %(station)s: %(problems)s")
        % {"station": station.name, "problems": labels},
        body=_(
            "A worker reported a serious problem at %(station)s (plaque %(plaque)s). "
            "Please look into it and reply in the portal."
        )
        % {"station": station.name, "plaque": station.plaque_number},
        link=reverse("stations:ticket_detail", args=[ticket.pk]),
    )
    return ticket


def _locked_feedback(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().select_related("station").get(pk=feedback.pk)


@transaction.atomic
def feedback_hide(*, feedback: Feedback, by, note: str) -> Feedback:
    """Take feedback out of the rating and the lists (abuse, a name, a phone number)."""
    feedback = _locked_feedback(feedback)
    note = _checked(
        FEEDBACK_ACTIONS, "hide", feedback, by, note, _("This feedback is already hidden.")
    )
    return _moderate(feedback, "hide", RecordChange.Action.HIDDEN, by, note)


@transaction.atomic
def feedback_show(*, feedback: Feedback, by, note: str = "") -> Feedback:
    feedback = _locked_feedback(feedback)
    note = _checked(
        FEEDBACK_ACTIONS, "show", feedback, by, note, _("This feedback is already shown.")
    )
    return _moderate(feedback, "show", RecordChange.Action.SHOWN, by, note)


def _moderate(feedback: Feedback, move: str, action: str, by, note: str) -> Feedback:
    before = feedback.status
    status = FEEDBACK_ACTIONS[move].target
    feedback.status = status
    feedback.moderated_by = by
    feedback.moderated_at = timezone.now()
    feedback.moderation_note = (note or "").strip()[:200]
    feedback.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_note"])
    record_change(
        record=RecordChange.Record.FEEDBACK,
        record_id=feedback.pk,
        union_id=feedback.union_id,
        action=action,
        by=by,
        stations=[feedback.station],
        changes={"status": [before, status]},
        reason=feedback.moderation_note,
    )
    return feedback


def _locked_ticket(ticket: FeedbackTicket) -> FeedbackTicket:
    return FeedbackTicket.objects.select_for_update().select_related("station").get(pk=ticket.pk)


@transaction.atomic
def ticket_reply(*, ticket: FeedbackTicket, by, reply: str) -> FeedbackTicket:
    """The union says what it found and did; it may correct its reply until closed."""
    ticket = _locked_ticket(ticket)
    reply = _checked(TICKET_ACTIONS, "reply", ticket, by, reply, _("This ticket is closed."))
    ticket.status = TICKET_ACTIONS["reply"].target
    ticket.reply = reply[:1000]
    ticket.replied_by = by
    ticket.replied_at = timezone.now()
    ticket.save(update_fields=["status", "reply", "replied_by", "replied_at"])
    _ticket_history(ticket, RecordChange.Action.ANSWERED, by, ticket.reply)
    return ticket


@transaction.atomic
def ticket_close(*, ticket: FeedbackTicket, by, note: str = "") -> FeedbackTicket:
    ticket = _locked_ticket(ticket)
    note = _checked(TICKET_ACTIONS, "close", ticket, by, note, _("This ticket is closed."))
    ticket.status = TICKET_ACTIONS["close"].target
    ticket.closed_by = by
    ticket.closed_at = timezone.now()
    ticket.save(update_fields=["status", "closed_by", "closed_at"])
    _ticket_history(ticket, RecordChange.Action.CLOSED, by, note)
    return ticket


def _ticket_history(ticket: FeedbackTicket, action: str, by, reason: str) -> None:
    # The ticket is the feedback's follow-up: its rows are the feedback's history.
    record_change(
        record=RecordChange.Record.FEEDBACK,
        record_id=ticket.feedback_id,
        union_id=ticket.union_id,
        action=action,
        by=by,
        stations=[ticket.station],
        reason=reason,
    )
