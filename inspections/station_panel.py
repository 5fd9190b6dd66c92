"""The station staff page's card of checks, rectification orders and appeals; the page is
composed above (config/station_page.py). Each list is read through its own scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from unions.counts import count_all
from unions.roles import role_of
from unions.scopes import sees_kind

from .checks.models import Inspection
from .orders.models import ORDER_ACTIONS, Appeal, Rectification
from .permissions import kinds_for, loggable_stations

SHOWN = 10


@dataclass(frozen=True)
class StaffPanel:
    """A card of a station's staff page: its template and what the template reads."""

    template: str
    context: dict = field(default_factory=dict)


def station_inspections_panel(station, user) -> StaffPanel | None:
    if not sees_kind(user, Inspection):
        return None
    checks = Inspection.objects.visible_to(user).filter(station=station)
    orders = Rectification.objects.visible_to(user).filter(station=station)
    appeals = (
        Appeal.objects.visible_to(user).filter(inspection__station=station)
        if sees_kind(user, Appeal)
        else Appeal.objects.none()
    )
    # The card shows an appeal's date, status and number of evidence files.
    appeals = appeals.only("pk", "created_at", "status").with_evidence_count()
    # Whether the user may log a check here is counted in the same statement: a round trip
    # and a compiled query of its own otherwise (issue 26).
    check_count, order_count, *loggable = count_all([checks, orders, *_loggable(user, station)])
    # The rows show these (templatetags/station_panel_tags.py), not the records' every column.
    checks = checks.only("visited_at", "kind", "score", "red_line", "status")
    orders = orders.only("opened_at", "status", "deadline")
    # One more than shown tells whether there are more, for the "all appeals" link, without
    # a count of its own.
    appeals = list(appeals[: SHOWN + 1])
    return StaffPanel(
        "inspections/_station_panel.html",
        {
            "station": station,
            "checks": list(checks[:SHOWN]),
            "check_count": check_count,
            "orders": list(orders[:SHOWN]),
            "order_count": order_count,
            "appeals": appeals[:SHOWN],
            "more_appeals": len(appeals) > SHOWN,
            "may_check": any(loggable),
            # Orders by hand: the aid center, or an inspector who sees the station (the
            # order service checks it again).
            "may_open_order": station.is_public and role_of(user) in ORDER_ACTIONS["open"].roles,
        },
    )


def _loggable(user, station) -> list:
    """The station, once for each kind of check the user may log at it today."""
    today = timezone.localdate()
    return [loggable_stations(user, kind, today).filter(pk=station.pk) for kind in kinds_for(user)]
