"""Workers' feedback and its tickets (FEEDBACK_ACTIONS, TICKET_ACTIONS)."""

from __future__ import annotations

from stations.services import feedback as services

from ..service_cases import ServiceCase
from ._build import AID, UNION_A, feedback, ticket

CASES = [
    ServiceCase(
        services.feedback_hide,
        AID,
        lambda w, u: services.feedback_hide(feedback=feedback(w), by=u, note="含手机号"),
    ),
    ServiceCase(
        services.feedback_show,
        AID,
        lambda w, u: services.feedback_show(feedback=feedback(w, hidden=True), by=u),
    ),
    ServiceCase(
        services.feedback_release,
        AID,
        lambda w, u: services.feedback_release(feedback=feedback(w, held=True), by=u),
    ),
    ServiceCase(
        services.ticket_reply,
        UNION_A,
        lambda w, u: services.ticket_reply(ticket=ticket(w), by=u, reply="已核实并整改"),
    ),
    ServiceCase(
        services.ticket_close,
        AID,
        lambda w, u: services.ticket_close(ticket=ticket(w), by=u),
    ),
]
