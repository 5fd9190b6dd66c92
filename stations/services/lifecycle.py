"""Every change of a station's status: one function each, one transaction each.

Each function locks the station row, checks the move against TRANSITIONS (models/station.py),
changes it, and writes the append-only history row in the same transaction. Side effects
(documents, mail) are queued with transaction.on_commit by the callers that need them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.roles import role_of

from ..models import (
    Audience,
    PlaqueSequence,
    Station,
    StationStatus,
    StationTransition,
    transition_allowed,
)


class TransitionError(ValidationError):
    """A move the lifecycle does not allow from the station's current state."""


def _locked(station: Station) -> Station:
    return Station.objects.select_for_update().get(pk=station.pk)


def _record(station, *, by, frm, to, reason="", kind=StationTransition.Kind.STATUS):
    return StationTransition.objects.create(
        station=station, kind=kind, from_status=frm, to_status=to, by=by, reason=reason
    )


def check_transition(station: Station, to: str, user) -> None:
    """Raise PermissionDenied (wrong role) or TransitionError (wrong state) unless allowed."""
    role = role_of(user)
    if transition_allowed(station.status, to, role):
        return
    if any(frm == station.status for (frm, _to) in _all_moves_to(to)):
        raise PermissionDenied(_("Your role may not make this change."))
    raise TransitionError(
        _("A station that is “%(current)s” cannot become “%(target)s”.")
        % {
            "current": StationStatus(station.status).label,
            "target": StationStatus(to).label,
        }
    )


def _move(station: Station, *, to: str, by, reason: str = "", extra_fields=()) -> Station:
    """Check and make one move on an already locked row; the caller holds the transaction."""
    check_transition(station, to, by)
    frm = station.status
    station.status = to
    station.status_reason = reason
    station.save(update_fields=["status", "status_reason", "updated_at", *extra_fields])
    _record(station, by=by, frm=frm, to=to, reason=reason)
    return station


def _all_moves_to(to: str):
    from ..models import TRANSITIONS

    return [key for key in TRANSITIONS if key[1] == to]


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason."))
    return reason


def plaque_number_format(seq: int) -> str:
    return f"{settings.PLAQUE_PREFIX}{seq:05d}"


def plaque_number_issue(station: Station) -> None:
    """Take the next number of the city-wide sequence; the caller holds the transaction.

    The counter row is locked (SELECT ... FOR UPDATE), so concurrent approvals queue on it,
    and the increment commits or rolls back together with the approval: no gaps, no reuse.
    """
    seq = PlaqueSequence.objects.select_for_update().get(key="plaque")
    seq.last_value += 1
    seq.save(update_fields=["last_value"])
    station.plaque_seq = seq.last_value
    station.plaque_number = plaque_number_format(seq.last_value)
    station.plaque_issue_count = 1


@transaction.atomic
def station_submit(*, station: Station, by) -> Station:
    station = _locked(station)
    return _move(station, to=StationStatus.SUBMITTED, by=by)


@transaction.atomic
def station_return(*, station: Station, by, reason: str) -> Station:
    reason = _require_reason(reason)
    return _move(_locked(station), to=StationStatus.RETURNED, by=by, reason=reason)


@transaction.atomic
def station_reject(*, station: Station, by, reason: str) -> Station:
    reason = _require_reason(reason)
    return _move(_locked(station), to=StationStatus.REJECTED, by=by, reason=reason)


@transaction.atomic
def station_approve(*, station: Station, by, reason: str = "") -> Station:
    """Approve and number the plaque: the pledge (附件3) carries the number (站点编号)."""
    station = _locked(station)
    check_transition(station, StationStatus.APPROVED, by)
    plaque_number_issue(station)
    station.approved_at = timezone.now()
    return _move(
        station,
        to=StationStatus.APPROVED,
        by=by,
        reason=reason,
        extra_fields=("plaque_seq", "plaque_number", "plaque_issue_count", "approved_at"),
    )


def activation_missing(station: Station) -> list[str]:
    """What is still missing before an approved station may operate."""
    missing = []
    if not station.agreements.exists():
        missing.append(_("co-building agreement"))
    pledge = getattr(station, "pledge", None)
    if pledge is None or not pledge.on_file:
        missing.append(_("service pledge"))
    return missing


@transaction.atomic
def station_activate_if_complete(*, station: Station, by) -> bool:
    """An approved station becomes active once its agreement and pledge are both on file."""
    station = _locked(station)
    if station.status != StationStatus.APPROVED or activation_missing(station):
        return False
    station.activated_at = timezone.now()
    _move(
        station,
        to=StationStatus.ACTIVE,
        by=by,
        reason=_("Agreement and pledge on file."),
        extra_fields=("activated_at",),
    )
    return True


@transaction.atomic
def station_rectify_start(*, station: Station, by, reason: str) -> Station:
    reason = _require_reason(reason)
    return _move(_locked(station), to=StationStatus.RECTIFYING, by=by, reason=reason)


@transaction.atomic
def station_rectify_end(*, station: Station, by, reason: str = "") -> Station:
    return _move(_locked(station), to=StationStatus.ACTIVE, by=by, reason=reason)


@transaction.atomic
def station_revoke(*, station: Station, by, reason: str) -> Station:
    """取消资格并收回铭牌: the number is never reused; the public page says it is revoked."""
    reason = _require_reason(reason)
    station = _locked(station)
    station.plaque_recalled = True
    return _move(
        station, to=StationStatus.REVOKED, by=by, reason=reason, extra_fields=("plaque_recalled",)
    )


@transaction.atomic
def station_close(*, station: Station, by, reason: str) -> Station:
    """The host unit withdraws; the plaque comes back but the number stays retired."""
    reason = _require_reason(reason)
    station = _locked(station)
    station.plaque_recalled = True
    return _move(
        station, to=StationStatus.CLOSED, by=by, reason=reason, extra_fields=("plaque_recalled",)
    )


@transaction.atomic
def station_upgrade(*, station: Station, by, reason: str) -> Station:
    """A sanitation-only station (环卫工人爱心接力站) opens to all outdoor workers."""
    from unions.models import Role

    reason = _require_reason(reason)
    station = _locked(station)
    if role_of(by) != Role.AID_CENTER:
        raise PermissionDenied(_("Your role may not make this change."))
    if station.audience != Audience.SANITATION:
        raise TransitionError(_("Only a sanitation-workers station can be upgraded."))
    if station.status not in (
        StationStatus.ACTIVE,
        StationStatus.APPROVED,
        StationStatus.RECTIFYING,
    ):
        raise TransitionError(_("Only an approved or operating station can be upgraded."))
    station.audience = Audience.ALL
    station.save(update_fields=["audience", "updated_at"])
    _record(
        station,
        by=by,
        frm=station.status,
        to=station.status,
        reason=reason,
        kind=StationTransition.Kind.UPGRADE,
    )
    return station


@transaction.atomic
def plaque_reissue(*, station: Station, by, reason: str) -> Station:
    """A lost or damaged plaque is replaced with the same number."""
    from unions.models import Role

    reason = _require_reason(reason)
    station = _locked(station)
    if role_of(by) != Role.AID_CENTER:
        raise PermissionDenied(_("Your role may not make this change."))
    if not station.plaque_number or station.status not in (
        StationStatus.APPROVED,
        StationStatus.ACTIVE,
        StationStatus.RECTIFYING,
    ):
        raise TransitionError(_("Only a numbered, operating station can have its plaque reissued."))
    station.plaque_issue_count += 1
    station.save(update_fields=["plaque_issue_count", "updated_at"])
    _record(
        station,
        by=by,
        frm=station.status,
        to=station.status,
        reason=reason,
        kind=StationTransition.Kind.PLAQUE_REISSUE,
    )
    return station
