"""整改: rectification orders, from opening to closing or escalation.

Each function locks the station (then the order), checks the move against the order's one
table (models/rectification.py: ORDER_ACTIONS: who, from which status, with what reason),
changes the rows and writes the append-only RecordChange in one transaction. The station's
own status moves only through the station lifecycle's one door
(stations.services.lifecycle: station_rectify_start / station_rectify_end); revoking an
escalated station is the lifecycle's revoke action on the station page, not a door here.
Side effects (mail) are queued after commit by notify_union.

Only the supervision team opens, closes and decides (沪工总基〔2018〕35号 四、(四)): an order is
opened by an inspector's red-line check or by hand (an inspector, the aid center), and
closed only by an independent re-inspection (an inspector's flying inspection or undercover
visit) or by the aid center's recorded decision with its reason.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change
from stations.models import Station, StationStatus
from stations.services.lifecycle import station_rectify_end, station_rectify_start
from unions.actions import NEW, ActionRefused, check
from unions.notices import notify_union

from ...checks.models import INDEPENDENT_KINDS, Inspection, InspectionStatus
from ...checks.services.photos import MAX_PHOTOS, photo_facts
from ...checks.services.thumbnails import thumbnails_later
from ..models import (
    AWAITING_RECTIFICATION,
    OPEN_RECTIFICATION_STATUSES,
    ORDER_ACTIONS,
    Rectification,
    RectificationItem,
    RectificationPhoto,
    RectificationStatus,
)
from ..models.rectification import rectification_deadline
from ..notice import notice_request

__all__ = [
    "ORDER_ACTIONS",
    "OrderError",
    "rectification_answer",
    "rectification_close",
    "rectification_deadline",
    "rectification_decide",
    "rectification_escalate",
    "rectification_flag_overdue",
    "rectification_open",
    "rectifications_flag_overdue",
]

R = RectificationStatus
STATUS_LABELS = dict(RectificationStatus.choices)


class OrderError(ValidationError):
    """A move the order's current status does not allow, or a check that cannot serve."""


def _check(order: Rectification, action: str, user, reason: str = "") -> str:
    """The row of ORDER_ACTIONS, the user's role and scope (another union's or district's
    order is refused here, whatever the view looked up), the order's status, the reason."""
    try:
        return check(ORDER_ACTIONS, action, order, user, reason=reason, labels=STATUS_LABELS)
    except ActionRefused as exc:
        raise OrderError(
            _("An order that is “%(current)s” cannot be changed this way.")
            % {"current": STATUS_LABELS.get(order.status, order.status)}
        ) from exc


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


def _opening_check(station: Station, inspection: Inspection | None) -> None:
    """The check an order is opened by must be the supervision team's own red line at this
    station: a union's self-check or peer review is a finding, never an order."""
    if inspection is None:
        return
    if inspection.station_id != station.pk:
        raise OrderError(_("The check that opens an order must be a check of this station."))
    if inspection.kind not in INDEPENDENT_KINDS:
        raise OrderError(
            _(
                "Only an inspector's flying inspection or undercover visit opens an order; "
                "a union's own check is a finding for the union to follow up."
            )
        )
    if not inspection.red_line or inspection.status != InspectionStatus.RECORDED:
        raise OrderError(_("Only a standing red-line finding opens an order."))


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
    inspector who logged a flying inspection or undercover visit with a red-line finding
    (``inspection``). Either way the move to rectifying is theirs, through the lifecycle's
    door. A station already rectifying just gets one more order.
    """
    items = [text.strip() for text in items if text and text.strip()]
    check(ORDER_ACTIONS, "open", station, by, status=NEW)
    if not items:
        raise ValidationError(_("Name at least one thing to put right."))
    station = _locked_station(station)
    _opening_check(station, inspection)
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
        reason=(_("Red-line finding of check %(id)s") % {"id": inspection.pk})
        if inspection is not None
        else "",
    )
    if station.status == StationStatus.ACTIVE:
        reason = _("Rectification order %(id)s: %(items)s") % {
            "id": order.pk,
            "items": "; ".join(items),
        }
        station_rectify_start(station=station, by=by, reason=reason)
    if inspection is not None:
        # 整改通知书 of the red line, drawn after commit (inspections/orders/notice.py).
        transaction.on_commit(partial(notice_request, order.pk, by.pk), robust=True)
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
    note = _check(order, "answer", by, note)
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


# --- Re-inspection: close or escalate; the aid center's decision -------------------------


def _reinspection_checked(order: Rectification, reinspection: Inspection | None) -> None:
    """A re-inspection is an independent check by the supervision team of the same station,
    made after the order opened and still standing: a union's own self-check or peer review
    is never offered as one (issue 21)."""
    if reinspection is None:
        return
    if reinspection.station_id != order.station_id:
        raise ValidationError(_("The re-inspection must be a check of the same station."))
    if reinspection.kind not in INDEPENDENT_KINDS:
        raise ValidationError(
            _(
                "A re-inspection is an inspector's flying inspection or undercover visit; "
                "a union's own self-check or peer review cannot close or escalate an order."
            )
        )
    if reinspection.status != InspectionStatus.RECORDED:
        raise ValidationError(_("A voided check cannot serve as the re-inspection."))
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


def _closed(order: Rectification, by, fields: list[str]) -> None:
    order.status = R.CLOSED
    order.closed_at = timezone.now()
    order.closed_by = by
    order.save(update_fields=["status", "closed_at", "closed_by", *fields])


@transaction.atomic
def rectification_close(
    *, order: Rectification, by, reinspection: Inspection, note: str = ""
) -> Rectification:
    """An independent re-inspection found the station put right. The aid center or an
    inspector whose scope covers the station closes the order; a station with no other open
    order returns to active."""
    order = _locked_order(order)
    note = _check(order, "close", by, note)
    if reinspection is None:
        raise ValidationError(_("Choose the re-inspection that found the station put right."))
    _reinspection_checked(order, reinspection)
    if reinspection.red_line:
        raise ValidationError(_("This re-inspection failed a red line: escalate instead."))
    before = order.status
    order.reinspection = reinspection
    _closed(order, by, ["reinspection"])
    _history(
        order,
        RecordChange.Action.CLOSED,
        by=by,
        changes={"status": [before, R.CLOSED], "reinspection": ["", str(reinspection.pk)]},
        reason=note,
    )
    _rectifying_ends_if_last(order.station, by, order)
    return order


@transaction.atomic
def rectification_decide(*, order: Rectification, by, decision: str) -> Rectification:
    """The aid center closes the order on its recorded decision, without a re-inspection
    (a fix proven on paper, an order opened in error): the decision and its reason are kept
    on the order and in its history. A station with no other open order returns to
    active."""
    order = _locked_order(order)
    decision = _check(order, "decide", by, decision)
    before = order.status
    order.decision = decision
    _closed(order, by, ["decision"])
    _history(
        order,
        RecordChange.Action.CLOSED,
        by=by,
        changes={"status": [before, R.CLOSED]},
        reason=decision,
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
    reason = _check(order, "escalate", by, reason)
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


# The service behind each button of ORDER_ACTIONS on the order page, and the argument its
# reason goes to.
SERVICES = {
    "close": (rectification_close, "note"),
    "decide": (rectification_decide, "decision"),
    "escalate": (rectification_escalate, "reason"),
}


# --- The daily overdue job ----------------------------------------------------------------


def overdue_orders(today: dt.date | None = None):
    """Open orders past their deadline whose union has not yet been told."""
    return Rectification.objects.filter(
        status__in=AWAITING_RECTIFICATION,
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
            or order.status not in ORDER_ACTIONS["flag_overdue"].sources
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
