"""Findings: red lines of a union's own evaluation (self-checks and peer reviews) still to be
followed up.

The source document gives those checks to the unions' own evaluation system, 发现问题及时
指导整改 (五、(三); 附件2 第6条): the union puts the station right itself. So such a red line
opens no rectification order and shows nowhere public; it is listed, for the station's union
and the aid center, until a later check of the station passes every red line (the union's
next self-check, a peer review or an inspector's visit). A finding is a question asked of
the checks; its answer is kept on the check (``Inspection.finding_open``), because asking it
of every red line of the city on each visit to a home took a quarter of a second at national
size, and refreshed for a station whenever one of its checks is recorded or voided.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from .models import OWN_EVALUATION_KINDS, Inspection, InspectionStatus

_TABLE = Inspection._meta.db_table
_OWN = ", ".join(f"'{kind}'" for kind in sorted(OWN_EVALUATION_KINDS))
_RECORDED = InspectionStatus.RECORDED.value
# The question, asked of one station's checks at a time and kept in ``finding_open``: a
# standing red line of the union's own evaluation with no later standing check of the
# station that passed every red line. One statement, the same on PostgreSQL and SQLite; it
# touches only the rows that are or may become findings.
REFRESH_SQL = (
    f"UPDATE {_TABLE} SET finding_open = ("  # noqa: S608 (names of our own, no input)
    f"kind IN ({_OWN}) AND red_line AND status = '{_RECORDED}' AND NOT EXISTS ("
    f"SELECT 1 FROM {_TABLE} later WHERE later.station_id = {_TABLE}.station_id "
    f"AND later.visited_at > {_TABLE}.visited_at AND NOT later.red_line "
    f"AND later.status = '{_RECORDED}')) "
    f"WHERE (finding_open OR (kind IN ({_OWN}) AND red_line))"
)


def findings_refresh(station_ids: Iterable[int] | None) -> None:
    """Keep the stations' open findings: after a check is recorded (it may clear earlier
    findings, or arrive late, already cleared) or voided (a cleared finding may open again).
    ``None``: every station (a load of checks that did not go through the services)."""
    with connection.cursor() as cursor:
        if station_ids is None:
            cursor.execute(REFRESH_SQL)
            return
        ids = sorted({int(pk) for pk in station_ids})
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{REFRESH_SQL} AND station_id IN ({marks})", chunk)


def open_findings(checks: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """The red-line findings among ``checks`` (already scoped) that no later standing
    check of the same station has cleared; oldest first."""
    return checks.filter(finding_open=True).order_by("visited_at", "pk")
