"""The last independent check a station's public page shows, handed to stations' hook
(stations.public_checks) so that the lower app never imports this one.

Only checks by someone other than the station's own union count (INDEPENDENT_KINDS), and
never a voided one; the public sees the day (not the hour, which would reveal an
inspector's round), the score and whether a red line was found.
"""

from __future__ import annotations

from django.utils import timezone

from stations.public_checks import PublicCheck, register_check_source

from .models import INDEPENDENT_KINDS, Inspection, InspectionStatus


def last_public_check(station) -> PublicCheck | None:
    row = (
        Inspection.objects.filter(
            station=station, kind__in=INDEPENDENT_KINDS, status=InspectionStatus.RECORDED
        )
        .order_by("-visited_at", "-id")
        .values("visited_at", "score", "red_line")
        .first()
    )
    if row is None:
        return None
    return PublicCheck(
        day=timezone.localtime(row["visited_at"]).date(),
        score=row["score"],
        red_line=row["red_line"],
    )


def register_public_check() -> None:
    register_check_source(last_public_check)
