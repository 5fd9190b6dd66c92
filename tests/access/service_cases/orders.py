"""Rectification orders (ORDER_ACTIONS): only the supervision team opens, closes and decides;
the union answers."""

from __future__ import annotations

from inspections.orders.services import rectification as services

from ..service_cases import ServiceCase
from ._build import AID, TEAM_AT_A, UNION_A, check, order, station


def _closed_by_a_reinspection(world, user):
    open_order = order(world)
    recheck = check(world, open_order.station, minutes=-5)
    return services.rectification_close(order=open_order, by=user, reinspection=recheck)


CASES = [
    ServiceCase(
        services.rectification_open,
        TEAM_AT_A,
        lambda w, u: services.rectification_open(station=station(w), by=u, items=["铭牌缺失"]),
    ),
    ServiceCase(
        services.rectification_answer,
        UNION_A,
        lambda w, u: services.rectification_answer(order=order(w), by=u, note="已重新悬挂铭牌"),
    ),
    ServiceCase(services.rectification_close, TEAM_AT_A, _closed_by_a_reinspection),
    ServiceCase(
        services.rectification_decide,
        AID,
        lambda w, u: services.rectification_decide(
            order=order(w), by=u, decision="创设单位已提交整改照片"
        ),
    ),
    ServiceCase(
        services.rectification_escalate,
        TEAM_AT_A,
        lambda w, u: services.rectification_escalate(
            order=order(w, overdue=True), by=u, reason="逾期未整改"
        ),
    ),
]
