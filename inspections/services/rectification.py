"""整改: rectification orders, from opening to closing or escalation.

Each function locks the station (then the order), checks the move against ORDER_ACTIONS,
changes the rows and writes the append-only RecordChange in one transaction. The station's
own status moves only through the station lifecycle's one door
(stations.services.lifecycle: station_rectify_start / station_rectify_end); revoking an
escalated station is the lifecycle's revoke action on the station page, not a door here.
Side effects (mail) are queued after commit by notify_union.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.models import ACTIONS as STATION_ACTIONS
from stations.models import RecordChange, Station, StationStatus
from stations.services.history import record_change
from stations.services.lifecycle import station_rectify_start
from unions.models import Role
from unions.roles import role_of

from ..models import (
    Inspection,
    Rectification,
    RectificationItem,
    RectificationStatus,
)

R = RectificationStatus
_UNION = frozenset({Role.UNION_STAFF})
_AID_OR_INSPECTOR = frozenset({Role.AID_CENTER, Role.INSPECTOR})


@dataclass(frozen=True)
class OrderAction:
    """One move of an order, written once: services check it, the order page draws its
    buttons from it (the same pattern as stations' ACTIONS)."""

    name: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    label: Promise
    style: str = "primary"
    confirm: Promise | None = None

    def allows(self, order: Rectification, role: str | None) -> bool:
        return order.status in self.sources and role in self.roles


ORDER_ACTIONS: dict[str, OrderAction] = {
    a.name: a
    for a in (
        # The union says what it did, with photos; only an open order waits for that.
        OrderAction("answer", (R.OPEN,), R.ANSWERED, _UNION, gettext_lazy("Answer the order")),
        # A re-inspection found the station put right: the order closes. An escalated order
        # may still close if a later re-inspection finds the station fixed.
        OrderAction(
            "close",
            (R.OPEN, R.ANSWERED, R.ESCALATED),
            R.CLOSED,
            _AID_OR_INSPECTOR,
            gettext_lazy("Close: re-inspection passed"),
            style="success",
        ),
        # The re-inspection failed or the deadline passed: the aid center decides what next
        # (the station page's revoke action).
        OrderAction(
            "escalate",
            (R.OPEN, R.ANSWERED),
            R.ESCALATED,
            _AID_OR_INSPECTOR,
            gettext_lazy("Escalate to the aid center"),
            style="danger",
            confirm=gettext_lazy("Escalate this order? The aid center may revoke the station."),
        ),
    )
}


class OrderError(ValidationError):
    """A move the order's current status does not allow."""


def rectification_deadline(today: dt.date | None = None) -> dt.date:
    """The default deadline: RECTIFICATION_DAYS after today (the one place of that rule)."""
    return (today or timezone.localdate()) + dt.timedelta(days=settings.RECTIFICATION_DAYS)


def in_scope(user, station: Station) -> bool:
    """Whether the user sees the station by the one scope table (a district inspector: only
    the stations of the district)."""
    return Station.objects.visible_to(user).filter(pk=station.pk).exists()


def _check(order: Rectification, action: str, user) -> OrderAction:
    step = ORDER_ACTIONS[action]
    if role_of(user) not in step.roles or not in_scope(user, order.station):
        raise PermissionDenied(_("Your role may not make this change."))
    if order.status not in step.sources:
        raise OrderError(
            _("An order that is “%(current)s” cannot be changed this way.")
            % {"current": R(order.status).label}
        )
    return step


def _locked_station(station: Station) -> Station:
    return Station.objects.select_for_update().get(pk=station.pk)


def _locked_order(order: Rectification) -> Rectification:
    # Station first, then order: every order service takes the locks in that order.
    _locked_station(order.station)
    return Rectification.objects.select_related("station").select_for_update().get(pk=order.pk)


def _history(order: Rectification, action: str, *, by, changes=None, reason: str = "") -> None:
    record_change(
        record=RecordChange.Record.RECTIFICATION,
        record_id=order.pk,
        union_id=order.union_id,
        action=action,
        by=by,
        stations=[order.station],
        changes=changes,
        reason=reason,
    )


def _opened_by_rule(by, inspection: Inspection | None) -> bool:
    """An order opened by a red-line finding of the check ``by`` just logged."""
    return inspection is not None and inspection.red_line and inspection.by_id == by.pk


@transaction.atomic
def rectification_open(
    *,
    station: Station,
    by,
    items: list[str],
    deadline: dt.date | None = None,
    inspection: Inspection | None = None,
) -> Rectification:
    """Open an order with its items; an active station starts rectifying.

    By hand: the aid center, or an inspector whose scope covers the station. By rule: the
    person who logged a check with a red-line finding (``inspection``), whoever they are —
    a union's own self-check included, since the rule, not their role, opens the order.

    The station's move to rectifying goes through the lifecycle's door either way. When the
    logger's role may take rectify_start (an inspector, the aid center) the move is theirs;
    when it may not (union staff on a self-check or peer review), the move is the system's
    (by=None, allowed because rectify_start is marked ``system``), and the history names
    the check that caused it. A station already rectifying just gets one more order.
    """
    items = [text.strip() for text in items if text and text.strip()]
    if not items:
        raise ValidationError(_("Name at least one thing to put right."))
    by_rule = _opened_by_rule(by, inspection)
    if not by_rule and (
        role_of(by) not in (Role.AID_CENTER, Role.INSPECTOR) or not in_scope(by, station)
    ):
        raise PermissionDenied(_("Your role may not make this change."))
    station = _locked_station(station)
    if station.status not in (StationStatus.ACTIVE, StationStatus.RECTIFYING):
        raise OrderError(
            _("Only an operating station can be ordered to rectify; this one is “%(s)s”.")
            % {"s": StationStatus(station.status).label}
        )
    deadline = deadline or rectification_deadline()
    if deadline < timezone.localdate():
        raise ValidationError(_("The deadline cannot be in the past."))
    order = Rectification.objects.create(
        station=station,
        union_id=station.union_id,
        district=station.district,
        inspection=inspection,
        opened_by=by,
        deadline=deadline,
    )
    RectificationItem.objects.bulk_create(
        RectificationItem(rectification=order, text=text[:300], position=i)
        for i, text in enumerate(items)
    )
    _history(
        order,
        RecordChange.Action.CREATED,
        by=by,
        changes={"deadline": ["", str(deadline)], "items": ["", "、".join(items)]},
        reason=(_("Red-line finding of check %(id)s") % {"id": inspection.pk}) if by_rule else "",
    )
    if station.status == StationStatus.ACTIVE:
        reason = _("Rectification order %(id)s: %(items)s") % {
            "id": order.pk,
            "items": "; ".join(items),
        }
        mover = by if role_of(by) in STATION_ACTIONS["rectify_start"].roles else None
        station_rectify_start(station=station, by=mover, reason=reason)
    return order
