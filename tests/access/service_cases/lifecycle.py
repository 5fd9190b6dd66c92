"""The station lifecycle (stations.services.lifecycle): each move is a row of ACTIONS."""

from __future__ import annotations

from stations.models import StationStatus
from stations.services import lifecycle

from ..service_cases import ServiceCase
from ._build import AID, TEAM_AT_A, UNION_A, accepted, draft, sanitation, station


def _approved_and_on_file(world):
    """Approved, with its agreement signed and its pledge received: ready to activate."""
    from django.utils import timezone

    from stations.models import Agreement

    made = station(world, StationStatus.APPROVED)
    agreement = Agreement.objects.create(
        union_id=made.union_id,
        host_unit=world.host_a,
        party_b="上海市总工会",
        signatory_a="张行长",
        signed_on=timezone.localdate(),
    )
    agreement.stations.set([made])
    made.pledge.received_on = timezone.localdate()
    made.pledge.save()
    return made


CASES = [
    ServiceCase(
        lifecycle.station_submit,
        UNION_A,
        lambda w, u: lifecycle.station_submit(station=draft(w), by=u),
    ),
    ServiceCase(
        lifecycle.station_return,
        AID,
        lambda w, u: lifecycle.station_return(
            station=draft(w, StationStatus.SUBMITTED), by=u, reason="地址不全"
        ),
    ),
    ServiceCase(
        lifecycle.station_reject,
        AID,
        lambda w, u: lifecycle.station_reject(
            station=draft(w, StationStatus.SUBMITTED), by=u, reason="不符合条件"
        ),
    ),
    ServiceCase(
        lifecycle.station_approve,
        AID,
        lambda w, u: lifecycle.station_approve(station=accepted(w), by=u),
    ),
    ServiceCase(
        lifecycle.station_activate_if_complete,
        AID,
        lambda w, u: lifecycle.station_activate_if_complete(station=_approved_and_on_file(w), by=u),
    ),
    ServiceCase(
        lifecycle.station_rectify_start,
        TEAM_AT_A,
        lambda w, u: lifecycle.station_rectify_start(station=station(w), by=u, reason="整改"),
    ),
    ServiceCase(
        lifecycle.station_rectify_end,
        TEAM_AT_A,
        lambda w, u: lifecycle.station_rectify_end(
            station=station(w, StationStatus.RECTIFYING), by=u
        ),
    ),
    ServiceCase(
        lifecycle.station_revoke,
        AID,
        lambda w, u: lifecycle.station_revoke(station=station(w), by=u, reason="多次整改不到位"),
    ),
    ServiceCase(
        lifecycle.station_close,
        AID,
        lambda w, u: lifecycle.station_close(station=station(w), by=u, reason="创设单位退出"),
    ),
    ServiceCase(
        lifecycle.station_upgrade,
        AID,
        lambda w, u: lifecycle.station_upgrade(station=sanitation(w), by=u, reason="面向全体"),
    ),
    ServiceCase(
        lifecycle.plaque_reissue,
        AID,
        lambda w, u: lifecycle.plaque_reissue(station=station(w), by=u, reason="铭牌损坏"),
    ),
]
