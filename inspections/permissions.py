"""Who may log which kind of check, and at which stations: written once, read by the
service that records a check (the one door) and by the pages that offer the choices.

- Inspectors (服务质量监督队) log flying inspections, undercover visits and acceptances at
  non-draft stations in their scope (a district inspector: their district only).
- Union staff log self-checks (自查自评) of their own union's operating stations, and peer
  reviews (互访互评) only of the stations of the union that the aid center paired them with
  for the quarter of the visit (PeerReviewPairing).
- Nobody else logs checks: the aid center assigns and decides, it does not inspect.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.models import PUBLIC_STATUSES, Station
from unions.models import Role
from unions.roles import AID_OR_ADMIN, SUPERVISION_OR_ADMIN, role_of, union_id_of

from .checks.models import InspectionKind
from .orders.models import PeerReviewPairing

K = InspectionKind
KINDS_BY_ROLE: dict[str, tuple[str, ...]] = {
    Role.INSPECTOR: (K.FLYING, K.UNDERCOVER, K.ACCEPTANCE),
    Role.UNION_STAFF: (K.SELF_CHECK, K.PEER_REVIEW),
}
# The roles that open the check form.
CHECK_LOGGERS = tuple(KINDS_BY_ROLE)

# Who sets up the team's work, written once for views and services: the checklist a check
# is scored on, the quarter's unannounced plan (read by the team, never by union staff), and
# the unions paired for peer reviews (互访互评). None of them has a status to move.
SETUP_ROLES: dict[str, frozenset[str]] = {
    "checklist": AID_OR_ADMIN,
    "plan_draw": AID_OR_ADMIN,
    "plan_read": SUPERVISION_OR_ADMIN,
    "pairing": AID_OR_ADMIN,
}


def setup_check(user, what: str) -> None:
    """Raise PermissionDenied unless ``user``'s role may do ``what`` of SETUP_ROLES."""
    if role_of(user) not in SETUP_ROLES[what]:
        raise PermissionDenied(_("Your role may not make this change."))


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _local_date(when: dt.datetime | dt.date) -> dt.date:
    if isinstance(when, dt.datetime):
        return timezone.localdate(when) if timezone.is_aware(when) else when.date()
    return when


def kinds_for(user) -> tuple[str, ...]:
    return KINDS_BY_ROLE.get(role_of(user), ())


# Which stations each kind of check reaches: the user's own union's, the paired union's,
# or the inspector's scope (the stations they see) for every other kind.
OWN_UNION, PAIRED_UNION, SEEN = "own_union", "paired_union", "seen"
REACH = {K.SELF_CHECK: OWN_UNION, K.PEER_REVIEW: PAIRED_UNION}


def loggable_stations(user, kind: str, on: dt.date):
    """The stations at which ``user`` may log a check of ``kind`` on day ``on``."""
    if kind not in kinds_for(user):
        return Station.objects.none()
    reach = REACH.get(kind, SEEN)
    if reach == OWN_UNION:
        return Station.objects.filter(union_id=user.profile.union_id, status__in=PUBLIC_STATUSES)
    if reach == PAIRED_UNION:
        return peer_review_stations(user, *quarter_of(on))
    # Inspectors: the station scope already holds non-draft stations of their district.
    return Station.objects.visible_to(user)


def loggable_scopes(user, on: dt.date) -> list[tuple[QuerySet[Station], tuple[str, ...]]]:
    """loggable_stations once for each kind of reach among the user's kinds, with the kinds
    that share it (an inspector's three kinds reach one scope): what the pages offering
    stations ask, once rather than once per kind."""
    kinds: dict[str, list[str]] = {}
    for kind in kinds_for(user):
        kinds.setdefault(REACH.get(kind, SEEN), []).append(kind)
    return [(loggable_stations(user, same[0], on), tuple(same)) for same in kinds.values()]


def within_reach(user, station: Station, kind: str, visited_at) -> bool:
    """Whether ``station`` is one ``user`` could log ``kind`` at, whatever its status now:
    of their scope (an inspector), of their own union (a self-check), of the union theirs
    is paired to review in the visit's quarter (a peer review). Outside it the caller is
    refused (PermissionDenied); within it, check_may_log says what else stands in the way."""
    if kind not in kinds_for(user):
        return False
    if kind == K.SELF_CHECK:
        return station.union_id == user.profile.union_id
    if kind == K.PEER_REVIEW:
        day = _local_date(visited_at)
        return peer_pairing_for(user, station, *quarter_of(day)) is not None
    return Station.objects.visible_to(user).filter(pk=station.pk).exists()


def check_may_log(user, station: Station, kind: str, visited_at) -> PeerReviewPairing | None:
    """Raise ValidationError unless ``user`` may log ``kind`` at ``station`` for a visit at
    ``visited_at``; return the pairing a peer review is made under."""
    if kind not in kinds_for(user):
        raise ValidationError(_("You may not log this kind of check."), code="kind")
    day = _local_date(visited_at)
    if not loggable_stations(user, kind, day).filter(pk=station.pk).exists():
        raise ValidationError(
            _("You may not log this kind of check at this station."), code="station"
        )
    if kind == K.PEER_REVIEW:
        return peer_pairing_for(user, station, *quarter_of(day))
    return None


def peer_review_stations(user, year: int, quarter: int):
    """The stations a union's staff may peer-review that quarter: exactly the operating
    stations of the unions their union is paired to review. Nothing for anyone else."""
    union = union_id_of(user)
    if union is None:
        return Station.objects.none()
    reviewed = PeerReviewPairing.objects.filter(
        year=year, quarter=quarter, reviewer_id=union
    ).values("union_id")
    return Station.objects.filter(union_id__in=reviewed, status__in=PUBLIC_STATUSES).order_by(
        "union_id", "name"
    )


def peer_pairing_for(user, station: Station, year: int, quarter: int):
    """The pairing under which ``user``'s union may review ``station`` that quarter."""
    union = union_id_of(user)
    if union is None:
        return None
    return PeerReviewPairing.objects.filter(
        year=year, quarter=quarter, reviewer_id=union, union_id=station.union_id
    ).first()
