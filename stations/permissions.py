"""Who may record what on a station's file, written once for views, services and templates.

Status moves are rows of the records' own tables (ACTIONS in models/station.py, the
feedback's and the tickets'); these are the records kept beside a station. Views declare
``@access(*RECORD_ROLES["agreement"])``, templates ask ``may.agreement``, and the services
call ``record_check`` with the record they change, so the rule, the button and the service
cannot disagree, and another union's record is refused by the service itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from unions.actions import check_scope
from unions.roles import AID, UNION, UNION_OR_AID, role_of

from .models import ACTIONS, FEEDBACK_ACTIONS, MATCH_ACTIONS, TICKET_ACTIONS

RECORD_ROLES: dict[str, frozenset[str]] = {
    # 验收 against 六有, agreements (附件2) and pledges (附件3) are the aid center's record.
    "acceptance": AID,
    "agreement": AID,
    "pledge": AID,
    # The union knows its host units' policies; the aid center may file them too.
    "insurance": UNION_OR_AID,
    # Filing forms and their stations are the union's own work until submitted.
    "filing": UNION,
    "station_edit": UNION,
    # A temporary closure is the union's to post; the aid center may post one for it.
    "closure": UNION_OR_AID,
    # The two paper copies of 附件1 go to the aid center, which also delivers the plaques;
    # the union, whose host unit hangs the plaque, may record the hanging, as may the center.
    "paper_filing": AID,
    "plaque_delivery": AID,
    "plaque_hanging": UNION_OR_AID,
    # Workers' feedback: the aid center moderates it (DESIGN's roles table) and closes the
    # tickets serious complaints open; the station's union reads and answers its tickets.
    # The moves themselves are rows of the feedback's and the tickets' tables.
    "feedback_moderation": FEEDBACK_ACTIONS["hide"].roles | FEEDBACK_ACTIONS["show"].roles,
    "ticket_read": UNION_OR_AID,
    "ticket_reply": TICKET_ACTIONS["reply"].roles,
    "ticket_close": TICKET_ACTIONS["close"].roles,
    # Coordinates a union typed in GCJ-02 or BD-09 before the portal asked, converted to
    # WGS-84 once the union says which (manage.py convert_datum): the registry's keeper does it.
    "datum_conversion": AID,
    # A station's listing still true (stations/freshness.py): its union knows it and says so.
    "listing_confirmation": UNION,
    # 送清凉 / 送温暖: the aid center opens a campaign and allocates its goods to the unions;
    # each union records what its stations received (stations/services/campaigns.py).
    "campaign": AID,
    "campaign_delivery": UNION,
    # 爱心互献 (stations/services/donations.py): the aid center records donors' offers, and a
    # union may for a donor it brought; a union posts what its own stations lack; the aid
    # center matches offers to needs and records delivery (the match's table). Only the aid
    # center, which arranges the delivery, reads a donor's contact.
    "donation_offer": UNION_OR_AID,
    "donation_contact": AID,
    "station_need": UNION,
    "donation_match": MATCH_ACTIONS["match"].roles,
    # Training of station heads (五、(二)): the aid center schedules city-wide sessions, a
    # union its own; each records its heads' attendance (stations/services/training.py).
    "training": UNION_OR_AID,
    "training_attendance": UNION_OR_AID,
    # Heat and cold alerts are the city's, declared by the aid center; the hours a station
    # keeps under them (清凉模式 / 暖心模式) its union records (stations/services/alerts.py).
    "alert": AID,
    "alert_hours": UNION,
}

# Everyone who may take at least one action of the ACTIONS table on a station's page.
STATION_ACTORS: tuple[str, ...] = tuple(
    sorted({role for action in ACTIONS.values() if action.button for role in action.roles})
)


def may(user, what: str) -> bool:
    return role_of(user) in RECORD_ROLES[what]


def record_check(user, what: str, *records) -> None:
    """Raise PermissionDenied unless ``user``'s role may record ``what`` and every record
    it touches (a station, a filing, a union) is in the user's scope (unions/scopes.py)."""
    if not may(user, what):
        raise PermissionDenied(_("Your role may not make this change."))
    for record in records:
        if record is not None:
            check_scope(record, user)


def record_permissions(user) -> dict[str, bool]:
    """``{"agreement": True, ...}`` for templates."""
    return {what: may(user, what) for what in RECORD_ROLES}
