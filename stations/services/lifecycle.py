"""Every change of a station's status: one function each, one transaction each, one door.

Each function locks the station row, checks the action against the one ACTIONS table
(models/station.py: statuses, roles, reason), changes the row, and writes the append-only
history row in the same transaction. A rule that guards a move lives inside the function
that makes it — approval checks the acceptance itself, so no caller can skip it.
Side effects (documents, mail) are queued with transaction.on_commit by the callers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.changes import announce
from unions.actions import check_scope
from unions.roles import role_of

from ..models import (
    ACTIONS,
    Audience,
    PlaqueSequence,
    Pledge,
    Station,
    StationAction,
    StationStatus,
    StationTransition,
)
from .review import acceptance_record, latest_acceptance


class TransitionError(ValidationError):
    """A move the lifecycle does not allow from the station's current state."""


def _locked(station: Station) -> Station:
    # Decide on the row as it is now, not on the caller's possibly stale copy.
    return Station.objects.select_for_update().get(pk=station.pk)


def _record(station, *, by, frm, to, reason="", kind=StationTransition.Kind.STATUS):
    """The status move's history row, announced (history.changes) with the station."""
    move = StationTransition.objects.create(
        station=station, kind=kind, from_status=frm, to_status=to, by=by, reason=reason
    )
    announce("status", ids=(station.pk,), stations=(station.pk,), unions=(station.union_id,))
    return move


def check_action(station: Station, action: StationAction, user, reason: str = "") -> str:
    """Raise PermissionDenied (wrong role, or a station outside the user's scope) or
    TransitionError (wrong state or station) unless ``user`` may take ``action`` now;
    return the cleaned reason.

    ``user=None`` is the system itself, applying a rule of the programme; only actions
    marked ``system`` accept it. Views always pass request.user (an AnonymousUser at
    worst), so no request can reach this branch.
    """
    role = role_of(user)
    if user is None:
        if not action.system:
            raise PermissionDenied(_("Your role may not make this change."))
    elif role not in action.roles:
        raise PermissionDenied(_("Your role may not make this change."))
    else:
        # Another union's station (or another district's, for an inspector) is refused
        # here, whatever door the call came through.
        check_scope(station, user)
    if station.status not in action.sources:
        if action.target:
            raise TransitionError(
                _("A station that is “%(current)s” cannot become “%(target)s”.")
                % {
                    "current": StationStatus(station.status).label,
                    "target": StationStatus(action.target).label,
                }
            )
        raise TransitionError(
            _("“%(action)s” is not possible for a station that is “%(current)s”.")
            % {"action": action.label, "current": StationStatus(station.status).label}
        )
    if action.applies is not None and not action.applies(station):
        raise TransitionError(
            _("“%(action)s” does not apply to this station.") % {"action": action.label}
        )
    reason = (reason or "").strip()
    if action.needs_reason and not reason:
        raise ValidationError(_("Please give a reason."))
    return reason


def _move(station: Station, action: str, *, by, reason: str = "", extra_fields=()) -> Station:
    """Check and make one move on an already locked row; the caller holds the transaction."""
    step = ACTIONS[action]
    reason = check_action(station, step, by, reason)
    frm = station.status
    station.status = step.target
    station.status_reason = reason
    station.save(update_fields=["status", "status_reason", "updated_at", *extra_fields])
    _record(station, by=by, frm=frm, to=step.target, reason=reason)
    return station


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
    station.sent_for_review_at = timezone.now()
    return _move(station, "submit", by=by, extra_fields=("sent_for_review_at",))


@transaction.atomic
def station_return(*, station: Station, by, reason: str) -> Station:
    return _move(_locked(station), "return", by=by, reason=reason)


@transaction.atomic
def station_reject(*, station: Station, by, reason: str) -> Station:
    return _move(_locked(station), "reject", by=by, reason=reason)


@transaction.atomic
def station_approve(
    *, station: Station, by, reason: str = "", acceptance: dict | None = None
) -> Station:
    """Approve a station whose latest acceptance (验收) met all six standards (六有), number
    its plaque, and open its pledge (附件3), which carries the number (站点编号).

    With ``acceptance`` (checked_on, notes and the six standards, as the acceptance form
    gives them) the officer records the on-site acceptance in the same step — the bulk
    approval of a morning's queue writes the same record as the per-station form.
    """
    station = _locked(station)
    reason = check_action(station, ACTIONS["approve"], by, reason)
    if acceptance is not None:
        acceptance_record(station=station, by=by, **acceptance)
    acceptance = latest_acceptance(station)
    if acceptance is None or not acceptance.passed:
        raise ValidationError(
            _("Record an acceptance that meets all six standards (六有) before approving.")
        )
    plaque_number_issue(station)
    station.approved_at = timezone.now()
    _move(
        station,
        "approve",
        by=by,
        reason=reason,
        extra_fields=("plaque_seq", "plaque_number", "plaque_issue_count", "approved_at"),
    )
    pledge, _made = Pledge.objects.get_or_create(
        station=station,
        defaults={
            "union_id": station.union_id,
            "pledging_unit": station.host_unit.name if station.host_unit else station.name,
            "service_hours": station.opening_hours_text,
            "head_name": station.head_name,
            "due_by": Pledge.due_after(timezone.localdate()),
        },
    )
    announce("pledge", ids=(pledge.pk,), stations=(station.pk,), unions=(station.union_id,))
    return station


def activation_missing(station: Station) -> list[str]:
    """What is still missing before an approved station may operate."""
    missing = []
    if not station.agreements.exists():
        missing.append(_("co-building agreement"))
    pledge = Pledge.objects.filter(station=station).first()
    if pledge is None or not pledge.on_file:
        missing.append(_("service pledge"))
    return missing


def station_activate_if_complete(*, station: Station, by) -> bool:
    """An approved station becomes active once its agreement and pledge are both on file.

    Called inside the transaction that files the last missing record, so the record and
    the activation commit together or not at all. The caller is checked first, whether or
    not the station is complete yet: a role that may not activate learns it at once.
    """
    if role_of(by) not in ACTIONS["activate"].roles:
        raise PermissionDenied(_("Your role may not make this change."))
    check_scope(station, by)
    with transaction.atomic():
        station = _locked(station)
        if station.status != StationStatus.APPROVED or activation_missing(station):
            return False
        station.activated_at = timezone.now()
        # Opened after an acceptance on site: its listing is confirmed today.
        station.confirmed_on = timezone.localdate()
        station.listing_doubtful = False
        _move(
            station,
            "activate",
            by=by,
            reason=_("Agreement and pledge on file."),
            extra_fields=("activated_at", "confirmed_on", "listing_doubtful"),
        )
        return True


@transaction.atomic
def station_rectify_start(*, station: Station, by, reason: str) -> Station:
    """Made by the order that puts the station right (inspections: rectification_open),
    opened by the supervision team: never by a union's own check."""
    return _move(_locked(station), "rectify_start", by=by, reason=reason)


@transaction.atomic
def station_rectify_end(*, station: Station, by, reason: str = "") -> Station:
    return _move(_locked(station), "rectify_end", by=by, reason=reason)


@transaction.atomic
def station_revoke(*, station: Station, by, reason: str) -> Station:
    """取消资格并收回铭牌: the number is never reused; the public page says it is revoked."""
    station = _locked(station)
    station.plaque_recalled = True
    return _move(station, "revoke", by=by, reason=reason, extra_fields=("plaque_recalled",))


@transaction.atomic
def station_close(*, station: Station, by, reason: str) -> Station:
    """The host unit withdraws; the plaque comes back but the number stays retired."""
    station = _locked(station)
    station.plaque_recalled = True
    return _move(station, "close", by=by, reason=reason, extra_fields=("plaque_recalled",))


@transaction.atomic
def station_upgrade(*, station: Station, by, reason: str) -> Station:
    """A sanitation-only station (环卫工人爱心接力站) opens to all outdoor workers."""
    station = _locked(station)
    reason = check_action(station, ACTIONS["upgrade"], by, reason)
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
    station = _locked(station)
    reason = check_action(station, ACTIONS["plaque_reissue"], by, reason)
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


# The service behind each action of the ACTIONS table, for the views that dispatch on a
# button's name. Activation, submission and rectification are made by other doors (records,
# filings, rectification orders).
SERVICES = {
    "approve": station_approve,
    "return": station_return,
    "reject": station_reject,
    "revoke": station_revoke,
    "close": station_close,
    "upgrade": station_upgrade,
    "plaque_reissue": plaque_reissue,
}
