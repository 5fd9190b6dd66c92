"""Who may record what on a station's file, written once for views, services and templates.

Status moves are rows of ACTIONS (models/station.py); these are the records kept beside a
station. Views declare ``@access(*RECORD_ROLES["agreement"])`` and templates ask
``may.agreement``, so the rule and the button cannot disagree.
"""

from __future__ import annotations

from unions.roles import Role, role_of

from .models import ACTIONS

RECORD_ROLES: dict[str, tuple[str, ...]] = {
    # 验收 against 六有, agreements (附件2) and pledges (附件3) are the aid center's record.
    "acceptance": (Role.AID_CENTER,),
    "agreement": (Role.AID_CENTER,),
    "pledge": (Role.AID_CENTER,),
    # The union knows its host units' policies; the aid center may file them too.
    "insurance": (Role.UNION_STAFF, Role.AID_CENTER),
    # Filing forms and their stations are the union's own work until submitted.
    "filing": (Role.UNION_STAFF,),
    "station_edit": (Role.UNION_STAFF,),
    # A temporary closure is the union's to post; the aid center may post one for it.
    "closure": (Role.UNION_STAFF, Role.AID_CENTER),
    # The two paper copies of 附件1 go to the aid center, which also delivers the plaques;
    # the union, whose host unit hangs the plaque, may record the hanging, as may the center.
    "paper_filing": (Role.AID_CENTER,),
    "plaque_delivery": (Role.AID_CENTER,),
    "plaque_hanging": (Role.UNION_STAFF, Role.AID_CENTER),
    # Workers' feedback: the aid center moderates it (DESIGN's roles table) and closes the
    # tickets serious complaints open; the station's union reads and answers its tickets.
    "feedback_moderation": (Role.AID_CENTER,),
    "ticket_read": (Role.UNION_STAFF, Role.AID_CENTER),
    "ticket_reply": (Role.UNION_STAFF,),
    "ticket_close": (Role.AID_CENTER,),
}

# Everyone who may take at least one action of the ACTIONS table on a station's page.
STATION_ACTORS: tuple[str, ...] = tuple(
    sorted({role for action in ACTIONS.values() if action.button for role in action.roles})
)


def may(user, what: str) -> bool:
    return role_of(user) in RECORD_ROLES[what]


def record_permissions(user) -> dict[str, bool]:
    """``{"agreement": True, ...}`` for templates."""
    return {what: may(user, what) for what in RECORD_ROLES}
