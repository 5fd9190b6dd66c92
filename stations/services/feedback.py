"""Workers' feedback: leaving it, the rating it makes, moderation, and the tickets that
serious complaints open for the station's union.

The per-device, per-address and per-network limits are checked by the view before it calls
``feedback_leave`` (stations/devices.py): they are about the request, not the record. The
station's own ceilings are the record's: counted here from the station's rows under its
lock, so they are exact under concurrent posts and hold when the cache is down.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from history.changes import announce
from history.models import RecordChange
from history.writer import record_change
from unions.actions import NEW, ActionRefused, check
from unions.notices import notify_union

from ..models import (
    FEEDBACK_ACTIONS,
    SERIOUS_PROBLEMS,
    TICKET_ACTIONS,
    Feedback,
    FeedbackProblem,
    FeedbackStatus,
    FeedbackTicket,
    Station,
)
from .freshness import listing_report_closed

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


# The code of the refusal when a station has had all the feedback it takes in a day.
STATION_FULL = "station_full"


def _station_counts(station_id: int) -> tuple[int, int]:
    """The station's feedback today (local day) and in the last hour, every status."""
    now = timezone.now()
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time.min))
    hour_ago = now - dt.timedelta(hours=1)
    row = Feedback.objects.filter(
        station_id=station_id, created_at__gte=min(midnight, hour_ago)
    ).aggregate(
        day=Count("id", filter=Q(created_at__gte=midnight)),
        hour=Count("id", filter=Q(created_at__gte=hour_ago)),
    )
    return row["day"], row["hour"]


@transaction.atomic
def feedback_leave(
    *,
    station: Station,
    rating: int,
    problems: list[str],
    comment: str,
    device_hash: str,
    address_hash: str,
    hold: bool = False,
) -> Feedback:
    """Record one worker's feedback; a serious complaint is a report on the station's ticket
    of the day. Held for moderation (``hold``, or past the station's burst ceiling) it is
    kept but not counted; past the station's day ceiling it is refused (``STATION_FULL``)."""
    if not station.is_public:
        raise ValidationError(_("Feedback is only taken for stations that are operating."))
    if rating not in range(1, 6):
        raise ValidationError(_("Please choose a rating from 1 to 5."))
    # The station's row lock makes its counts and its ticket of the day one at a time: a
    # flood of concurrent posts is counted exactly and makes one ticket.
    Station.objects.select_for_update().filter(pk=station.pk).values_list("pk").first()
    today, last_hour = _station_counts(station.pk)
    if today >= settings.FEEDBACK_PER_STATION_PER_DAY:
        raise ValidationError(
            _("This station has received all the feedback it can take today."),
            code=STATION_FULL,
        )
    if (
        last_hour >= settings.FEEDBACK_HOLD_PER_STATION_PER_HOUR
        or today >= settings.FEEDBACK_HOLD_PER_STATION_PER_DAY
    ):
        hold = True
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
        status=FeedbackStatus.HELD if hold else FeedbackStatus.VISIBLE,
    )
    if serious:
        complaint_file(feedback=feedback)
    if FeedbackProblem.CLOSED_IN_HOURS in problems:
        listing_report_closed(station_id=station.pk, today=timezone.localdate())
    # The station's rating and the moderation lists change (stations/caches.py).
    announce("rating", ids=(feedback.pk,), stations=(station.pk,), unions=(station.union_id,))
    return feedback


def complaint_file(*, feedback: Feedback) -> FeedbackTicket:
    """A serious complaint joins its station's open ticket of the day, or opens one. The
    union hears of it in the next digest (``feedback_digest``), not by a mail per report.
    The caller holds the station's lock (``feedback_leave``). A rule of the programme, not a
    person, opens the ticket (TICKET_ACTIONS' "open")."""
    now = timezone.now()
    ticket = (
        FeedbackTicket.objects.select_for_update()
        .filter(
            station_id=feedback.station_id,
            day=timezone.localdate(now),
            status__in=TICKET_ACTIONS["reply"].sources,
        )
        .order_by("-opened_at", "-id")
        .first()
    )
    if ticket is None:
        check(TICKET_ACTIONS, "open", feedback, None, status=NEW)
        ticket = FeedbackTicket.objects.create(
            feedback=feedback,
            station_id=feedback.station_id,
            union_id=feedback.union_id,
            day=timezone.localdate(now),
            last_report_at=now,
        )
    else:
        ticket.reports = F("reports") + 1
        ticket.last_report_at = now
        ticket.save(update_fields=["reports", "last_report_at"])
    feedback.complaint_ticket = ticket
    feedback.save(update_fields=["complaint_ticket"])
    return ticket


def _problem_counts(ticket: FeedbackTicket) -> str:
    counts: dict[str, int] = defaultdict(int)
    for problems in ticket.complaints.values_list("problems", flat=True):
        for problem in problems:
            if problem in SERIOUS_PROBLEMS:
                counts[problem] += 1
    return "、".join(
        f"{FeedbackProblem(p).label} ×{counts[p]}" for p in SERIOUS_PROBLEMS if counts[p]
    )


@transaction.atomic
def feedback_digest() -> int:
    """Tell each union, in one notice and one mail, of the tickets and reports about its
    stations since its last digest (beat runs it every hour); returns how many unions were
    told. Tickets are locked while they are told, so a report arriving meanwhile waits for
    the next digest rather than being lost or told twice."""
    tickets = (
        FeedbackTicket.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(reports__gt=F("reports_told"))
        .select_related("station", "union")
        .order_by("union_id", "id")
    )
    by_union: dict[int, list[FeedbackTicket]] = defaultdict(list)
    for ticket in tickets:
        by_union[ticket.union_id].append(ticket)
    for union_tickets in by_union.values():
        union = union_tickets[0].union
        new = sum(t.reports - t.reports_told for t in union_tickets)
        lines = []
        for t in union_tickets:
            told = t.reports - t.reports_told
            lines.append(
                ngettext(
                    "%(station)s (plaque %(plaque)s), %(day)s: %(new)d new report, "
                    "%(total)d in all (%(problems)s). %(link)s",
                    "%(station)s (plaque %(plaque)s), %(day)s: %(new)d new reports, "
                    "%(total)d in all (%(problems)s). %(link)s",
                    told,
                )
                % {
                    "station": t.station.name,
                    "plaque": t.station.plaque_number,
                    "day": f"{t.day:%Y-%m-%d}",
                    "new": told,
                    "total": t.reports,
                    "problems": _problem_counts(t),
                    "link": settings.PUBLIC_BASE_URL
                    + reverse("stations:ticket_detail", args=[t.pk]),
                }
            )
        notify_union(
            union,
            topic="feedback_digest",
            subject=ngettext(
                "Serious complaints: %(new)d new report about %(stations)d station",
                "Serious complaints: %(new)d new reports about %(stations)d stations",
                new,
            )
            % {"new": new, "stations": len({t.station_id for t in union_tickets})},
            body="\n".join(
                [
                    _(
                        "Workers reported serious problems (closed during posted hours, "
                        "refused entry) at these stations. Please look into them and reply "
                        "in the portal."
                    ),
                    "",
                    *lines,
                ]
            ),
            link=reverse("stations:ticket_list"),
        )
        for t in union_tickets:
            t.reports_told = t.reports
            t.save(update_fields=["reports_told"])
    return len(by_union)


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


@transaction.atomic
def feedback_release(*, feedback: Feedback, by, note: str = "") -> Feedback:
    """Let a rating held for moderation (a burst at its station) count."""
    feedback = _locked_feedback(feedback)
    note = _checked(
        FEEDBACK_ACTIONS, "release", feedback, by, note, _("This feedback is not held.")
    )
    return _moderate(feedback, "release", RecordChange.Action.SHOWN, by, note)


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
