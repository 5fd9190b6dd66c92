"""Findings: red lines of a union's own evaluation (self-checks and peer reviews) still to be
followed up.

The source document gives those checks to the unions' own evaluation system, 发现问题及时
指导整改 (五、(三); 附件2 第6条): the union puts the station right itself. So such a red line
opens no rectification order and shows nowhere public; it is listed, for the station's union
and the aid center, until a later check of the station passes every red line (the union's
next self-check, a peer review or an inspector's visit). Nothing is stored beyond the check
itself: a finding is a question asked of the checks.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from .models import OWN_EVALUATION_KINDS, Inspection, InspectionStatus


def open_findings(checks: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """The red-line findings among ``checks`` (already scoped) that no later standing
    check of the same station has cleared; oldest first."""
    cleared = Inspection.objects.filter(
        station_id=OuterRef("station_id"),
        visited_at__gt=OuterRef("visited_at"),
        red_line=False,
        status=InspectionStatus.RECORDED,
    )
    return (
        checks.filter(
            kind__in=OWN_EVALUATION_KINDS, red_line=True, status=InspectionStatus.RECORDED
        )
        .exclude(Exists(cleared))
        .order_by("visited_at", "pk")
    )
