"""Appeals (APPEAL_ACTIONS): the station's union opens one, the aid center decides."""

from __future__ import annotations

from inspections.orders.services.appeals import appeal_decide, appeal_open

from ..service_cases import ServiceCase
from ._build import AID, UNION_A, appeal, check

CASES = [
    ServiceCase(
        appeal_open,
        UNION_A,
        lambda w, u: appeal_open(inspection=check(w), by=u, reason="检查当日站点正常开放"),
    ),
    ServiceCase(
        appeal_decide,
        AID,
        lambda w, u: appeal_decide(appeal=appeal(w), by=u, upheld=False, decision="证据不足"),
    ),
]
