"""What a station action tells the officer: which station, what happened, and why."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import Station, StationAction


def action_done_message(action: StationAction, station: Station, reason: str = "") -> str:
    if action.name == "approve":
        return _("Approved: %(name)s, plaque number %(number)s.") % {
            "name": station.name,
            "number": station.plaque_number,
        }
    if reason:
        return _("%(action)s: %(name)s. Reason: %(reason)s") % {
            "action": action.label,
            "name": station.name,
            "reason": reason,
        }
    return _("%(action)s: %(name)s.") % {"action": action.label, "name": station.name}
