"""The last check a station's public page shows (issue 12: "the last check's date and
result"); the public app's station page asks ``last_public_check``.

Only the supervision team's checks count (INDEPENDENT_KINDS: flying inspections and
undercover visits), never a voided one, a self-check or a peer review: a union's own
evaluation is never a public result, so a peer review of 100 can neither hide an inspector's
red line nor put one on the page. The public sees the day (not the hour, which would reveal
an inspector's round); the score and any red line only once the check is settled — its
appeal window closed without an appeal, or its appeal decided, and then as decided
(assessment/selectors/settled.py). Until then the page says the result is under review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Case, When
from django.utils import timezone

from .assessment.selectors.settled import settled
from .checks.models import INDEPENDENT_KINDS, Finding, Inspection, InspectionStatus


@dataclass(frozen=True)
class PublicCheck:
    day: dt.date
    # None while the result is under review (its appeal window open, or its appeal not yet
    # decided): the page then shows the day only.
    score: Decimal | None
    # A red-line finding (closed in posted hours, a worker refused, plaque missing).
    red_line: bool
    # The red-line items found not met, in the checklist's words.
    red_lines: tuple[str, ...] = ()
    pending: bool = False


def last_public_check(station) -> PublicCheck | None:
    row = (
        Inspection.objects.filter(
            station=station, kind__in=INDEPENDENT_KINDS, status=InspectionStatus.RECORDED
        )
        .annotate(
            is_settled=Case(When(settled(), then=True), default=False, output_field=BooleanField())
        )
        .order_by("-visited_at", "-id")
        .values("pk", "visited_at", "score", "red_line", "is_settled")
        .first()
    )
    if row is None:
        return None
    day = timezone.localtime(row["visited_at"]).date()
    if not row["is_settled"]:
        return PublicCheck(day=day, score=None, red_line=False, pending=True)
    words: tuple[str, ...] = ()
    if row["red_line"]:
        words = tuple(
            dict.fromkeys(
                Finding.objects.filter(inspection_id=row["pk"], met=False, item__red_line=True)
                .order_by("item__position", "item_id")
                .values_list("item__label", flat=True)
            )
        )
    return PublicCheck(day=day, score=row["score"], red_line=row["red_line"], red_lines=words)
