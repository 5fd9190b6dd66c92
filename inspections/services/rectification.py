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
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stations.models import ACTIONS as STATION_ACTIONS
from stations.models import RecordChange, Station, StationStatus
from stations.services.history import record_change
from stations.services.lifecycle import station_rectify_end, station_rectify_start
from unions.models import Role
from unions.notices import notify_union
from unions.roles import role_of

from ..models import (
    OPEN_RECTIFICATION_STATUSES,
    Inspection,
    Rectification,
    RectificationItem,
    RectificationPhoto,
    RectificationStatus,
)
from .photos import MAX_PHOTOS, photo_facts
from .thumbnails import thumbnails_later

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


# --- The union's answer ------------------------------------------------------------------


def _photo_add(order: Rectification, upload) -> RectificationPhoto:
    facts = photo_facts(upload)
    data = upload.read()
    photo = RectificationPhoto(
        rectification=order,
        content_type=facts.content_type,
        size=len(data),
        sha256=facts.sha256,
    )
    # The name is generated from the type (rectification_photo_path), never the sender's.
    photo.image.save("photo", ContentFile(data), save=False)
    photo.save()
    thumbnails_later("rectification", [photo.pk])
    return photo


@transaction.atomic
def rectification_answer(*, order: Rectification, by, note: str, photos=()) -> Rectification:
    """The union's staff say what they put right, with photos (JPEG/PNG, at most 10 MB)."""
    order = _locked_order(order)
    _check(order, "answer", by)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what was put right."))
    if len(photos) > MAX_PHOTOS:
        raise ValidationError(_("At most %(n)s photos per answer.") % {"n": MAX_PHOTOS})
    for upload in photos:
        photo_facts(upload)  # every photo checked before any is stored (one rule: photos.py)
    added = [_photo_add(order, upload) for upload in photos]
    order.status = R.ANSWERED
    order.answer_note = note
    order.answered_by = by
    order.answered_at = timezone.now()
    order.save(update_fields=["status", "answer_note", "answered_by", "answered_at"])
    _history(
        order,
        RecordChange.Action.ANSWERED,
        by=by,
        changes={"status": [R.OPEN, R.ANSWERED], "photos": ["", str(len(added))]},
        reason=note,
    )
    return order


# --- Re-inspection: close or escalate ----------------------------------------------------


def _reinspection_checked(order: Rectification, reinspection: Inspection | None) -> None:
    if reinspection is None:
        return
    if reinspection.station_id != order.station_id:
        raise ValidationError(_("The re-inspection must be a check of the same station."))
    if order.inspection_id and reinspection.pk == order.inspection_id:
        raise ValidationError(_("The check that opened the order cannot also close it."))
    if reinspection.visited_at < order.opened_at:
        raise ValidationError(_("The re-inspection must come after the order was opened."))


def _rectifying_ends_if_last(station: Station, by, order: Rectification) -> None:
    """The last order of a station closed: it is back to active (lifecycle's door)."""
    still_open = Rectification.objects.filter(
        station=station, status__in=OPEN_RECTIFICATION_STATUSES
    ).exists()
    station.refresh_from_db(fields=["status"])
    if not still_open and station.status == StationStatus.RECTIFYING:
        station_rectify_end(
            station=station,
            by=by,
            reason=_("Rectification order %(id)s closed.") % {"id": order.pk},
        )


@transaction.atomic
def rectification_close(
    *, order: Rectification, by, reinspection: Inspection, note: str = ""
) -> Rectification:
    """A re-inspection found the station put right. The aid center or an inspector whose
    scope covers the station closes the order; a station with no other open order returns
    to active."""
    order = _locked_order(order)
    _check(order, "close", by)
    if reinspection is None:
        raise ValidationError(_("Choose the re-inspection that found the station put right."))
    _reinspection_checked(order, reinspection)
    if reinspection.red_line:
        raise ValidationError(_("This re-inspection failed a red line: escalate instead."))
    before = order.status
    order.status = R.CLOSED
    order.reinspection = reinspection
    order.closed_at = timezone.now()
    order.save(update_fields=["status", "reinspection", "closed_at"])
    _history(
        order,
        RecordChange.Action.CLOSED,
        by=by,
        changes={"status": [before, R.CLOSED], "reinspection": ["", str(reinspection.pk)]},
        reason=(note or "").strip(),
    )
    _rectifying_ends_if_last(order.station, by, order)
    return order


@transaction.atomic
def rectification_escalate(
    *, order: Rectification, by, reason: str, reinspection: Inspection | None = None
) -> Rectification:
    """The re-inspection failed, or the deadline passed: the aid center takes it from here
    (it may revoke the station through the station lifecycle). The station stays
    rectifying."""
    order = _locked_order(order)
    _check(order, "escalate", by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason."))
    overdue = order.deadline < timezone.localdate()
    if reinspection is None and not overdue:
        raise ValidationError(
            _("Escalate after a failed re-inspection, or once the deadline has passed.")
        )
    _reinspection_checked(order, reinspection)
    before = order.status
    order.status = R.ESCALATED
    order.escalated_at = timezone.now()
    fields = ["status", "escalated_at"]
    if reinspection is not None:
        order.reinspection = reinspection
        fields.append("reinspection")
    order.save(update_fields=fields)
    changes = {"status": [before, R.ESCALATED]}
    if reinspection is not None:
        changes["reinspection"] = ["", str(reinspection.pk)]
    _history(order, RecordChange.Action.ESCALATED, by=by, changes=changes, reason=reason)
    return order


# --- The daily overdue job ----------------------------------------------------------------


def overdue_orders(today: dt.date | None = None):
    """Open orders past their deadline whose union has not yet been told."""
    return Rectification.objects.filter(
        status__in=(R.OPEN, R.ANSWERED),
        deadline__lt=today or timezone.localdate(),
        overdue_notified_at__isnull=True,
    )


def rectification_flag_overdue(order: Rectification, *, today: dt.date | None = None) -> bool:
    """Flag one order overdue and tell its union, once: a second run finds it flagged."""
    from django.urls import reverse

    with transaction.atomic():
        order = _locked_order(order)
        today = today or timezone.localdate()
        if (
            order.overdue_notified_at is not None
            or order.status not in (R.OPEN, R.ANSWERED)
            or order.deadline >= today
        ):
            return False
        order.overdue_notified_at = timezone.now()
        order.save(update_fields=["overdue_notified_at"])
        _history(
            order,
            RecordChange.Action.OVERDUE,
            by=None,
            reason=_("Past its deadline of %(deadline)s.") % {"deadline": order.deadline},
        )
        notify_union(
            order.union,
            topic="rectification_overdue",
            subject=_("Rectification order overdue: %(station)s") % {"station": order.station.name},
            body=_(
                "The rectification order for %(station)s was due on %(deadline)s and has not "
                "been closed. Please put the station right and answer the order."
            )
            % {"station": order.station.name, "deadline": order.deadline},
            link=reverse("inspections:order_detail", kwargs={"pk": order.pk}),
        )
        return True


def rectifications_flag_overdue(today: dt.date | None = None) -> int:
    """The daily job: each overdue order in its own transaction, so one failure does not
    undo the notices of the others. Returns how many were flagged now."""
    flagged = 0
    for order in overdue_orders(today).select_related("station").order_by("pk"):
        flagged += rectification_flag_overdue(order, today=today)
    return flagged
