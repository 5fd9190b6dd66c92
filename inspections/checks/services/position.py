"""Where a check was made: a phone farther from the station than CHECK_DISTANCE_LIMIT_M is
flagged to the aid center, and the check does not count as the station's planned visit
(selectors.py: open_planned_visits) until the aid center accepts it with a reason: a GPS
fix lost indoors, a station that moved, or a check made where the station's head met the
inspector. A check with no position given is not flagged (the page says "No position was
given"): a phone may refuse to locate itself, and the plan does not depend on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _lazy

from history.models import RecordChange
from history.writer import record_change
from unions.actions import Action, check, table
from unions.roles import AID

from ..models import Inspection, PositionReview

POSITION_ACTIONS = table(
    Action(
        name="accept_position",
        sources=(PositionReview.FAR,),
        target=PositionReview.ACCEPTED,
        roles=AID,
        label=_lazy("Accept the position"),
        needs_reason=True,
        reason_label=_lazy("Why this check counts although it was made far from the station"),
        confirm=_lazy("Count this check as made at the station?"),
    )
)
LABELS = dict(PositionReview.choices)


def position_review_of(distance_m: int | None) -> str:
    """The review a new check's position starts with."""
    if distance_m is not None and distance_m > settings.CHECK_DISTANCE_LIMIT_M:
        return PositionReview.FAR
    return PositionReview.NEAR


@transaction.atomic
def inspection_position_accept(*, inspection: Inspection, by, reason: str) -> Inspection:
    """The aid center accepts a far check's position: it counts as made at the station (and
    as the station's planned visit, when it was one). Recorded with the reason."""
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("station")
        .get(pk=inspection.pk)
    )
    reason = check(
        POSITION_ACTIONS,
        "accept_position",
        inspection,
        by,
        reason=reason,
        status=inspection.position_review,
        labels=LABELS,
    )
    before = inspection.position_review
    inspection.position_review = PositionReview.ACCEPTED
    inspection.save(update_fields=["position_review"])
    record_change(
        record=RecordChange.Record.INSPECTION,
        record_id=inspection.pk,
        union_id=inspection.union_id,
        action=RecordChange.Action.POSITION_ACCEPTED,
        by=by,
        stations=[inspection.station],
        changes={
            "position_review": [str(LABELS[before]), str(LABELS[inspection.position_review])],
            "distance_m": [str(inspection.distance_m), str(inspection.distance_m)],
        },
        reason=reason,
    )
    return inspection
