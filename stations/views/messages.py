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


def bulk_approved_message(stations: list[Station]) -> str:
    """Every approved station by name with its new number: numbers from a bulk approval are
    not consecutive when another officer approves at the same time, so a range would lie."""
    return _("%(count)d stations approved: %(list)s.") % {
        "count": len(stations),
        "list": "；".join(f"{s.name} {s.plaque_number}" for s in stations),
    }
