"""Read-only questions other pages ask of orders, plans, pairings and appeals."""

from __future__ import annotations

from stations.models import PUBLIC_STATUSES, Station
from unions.roles import union_of

from .models import Appeal, AppealStatus, PeerReviewPairing


def peer_review_stations(user, year: int, quarter: int):
    """The stations a union's staff may peer-review that quarter: exactly the operating
    stations of the unions their union is paired to review. Nothing for anyone else."""
    union = union_of(user)
    if union is None:
        return Station.objects.none()
    reviewed = PeerReviewPairing.objects.filter(year=year, quarter=quarter, reviewer=union).values(
        "union_id"
    )
    return Station.objects.filter(union_id__in=reviewed, status__in=PUBLIC_STATUSES).order_by(
        "union_id", "name"
    )


def peer_pairing_for(user, station: Station, year: int, quarter: int):
    """The pairing under which ``user``'s union may review ``station`` that quarter."""
    union = union_of(user)
    if union is None:
        return None
    return PeerReviewPairing.objects.filter(
        year=year, quarter=quarter, reviewer=union, union_id=station.union_id
    ).first()


def open_appeal_of(inspection) -> Appeal | None:
    """The open appeal against a check, if any: its pages flag it as under appeal."""
    return Appeal.objects.filter(inspection=inspection, status=AppealStatus.OPEN).first()


def under_appeal_ids(inspection_ids) -> set[int]:
    """Which of these checks are under an open appeal (one query for a list page)."""
    return set(
        Appeal.objects.filter(
            inspection_id__in=list(inspection_ids), status=AppealStatus.OPEN
        ).values_list("inspection_id", flat=True)
    )
