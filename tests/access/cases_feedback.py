"""Harness cases for workers' feedback, visits, moderation, tickets and the offline files."""

from __future__ import annotations

from .case import Case


def _public_station(w):
    w.station_a.plaque_number = "SH00001"
    w.station_a.plaque_seq = 1
    w.station_a.status = "active"
    w.station_a.save()
    return w.station_a


def _plaque(w):
    return {"plaque_no": _public_station(w).plaque_number}


def _feedback(w, **fields):
    from stations.models import Feedback

    station = _public_station(w)
    return Feedback.objects.create(station=station, union=w.union_a, rating=2, **fields)


def _feedback_pk(w):
    return {"pk": _feedback(w).pk}


def _ticket(w):
    from stations.models import FeedbackTicket

    feedback = _feedback(w, problems=["refused"], serious=True)
    ticket = FeedbackTicket.objects.create(
        feedback=feedback, station=feedback.station, union=w.union_a
    )
    return {"pk": ticket.pk}


def _revoked_plaque(w):
    station = _public_station(w)
    station.status = "revoked"
    station.save()
    return {"plaque_no": station.plaque_number}


CASES: dict[str, Case] = {
    # Public, no login: the form answers every role; the tap is POST only and comes back to
    # the station's page.
    "stations:feedback": Case(kwargs=_plaque),
    "stations:visit": Case(kwargs=_plaque, post_ok=(302,)),
    "stations:manifest": Case(),
    "stations:service_worker": Case(),
    # Moderation is the aid center's; an empty post hides nothing (no note) and comes back.
    "stations:feedback_moderation": Case(),
    "stations:feedback_moderate": Case(kwargs=_feedback_pk, post_ok=(302,)),
    # Tickets: union A's, so union B gets 404; inspectors are refused by the rule.
    "stations:ticket_list": Case(),
    "stations:ticket_detail": Case(kwargs=_ticket, owner="a"),
    # An empty reply is refused with the form (400); an empty close closes (302).
    "stations:ticket_reply": Case(kwargs=_ticket, owner="a", post_ok=(400,)),
    "stations:ticket_close": Case(kwargs=_ticket, owner="a", post_ok=(302,)),
}

VARIANTS: list[tuple[str, Case]] = [
    # A recalled plaque still answers, with a page that says it takes no feedback.
    ("stations:feedback", Case(kwargs=_revoked_plaque, label="revoked")),
    ("stations:visit", Case(kwargs=_revoked_plaque, post_ok=(302,), label="revoked")),
]
