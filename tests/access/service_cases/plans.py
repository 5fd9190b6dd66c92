"""The quarter's unannounced plan and the peer-review pairings (SETUP_ROLES)."""

from __future__ import annotations

from django.utils import timezone

from inspections.models import PeerReviewPairing
from inspections.orders.services.pairings import pairing_create, pairing_delete
from inspections.orders.services.plans import plan_draw, quarter_of

from ..service_cases import ServiceCase
from ._build import AID_OR_ADMIN


def _now():
    return quarter_of(timezone.localdate())


def _pairing(world):
    year, quarter = _now()
    return PeerReviewPairing.objects.create(
        year=year,
        quarter=quarter,
        reviewer=world.union_b,
        union=world.union_a,
        created_by=world.aid,
    )


CASES = [
    ServiceCase(
        plan_draw,
        AID_OR_ADMIN,
        lambda w, u: plan_draw(year=_now()[0], quarter=_now()[1], by=u),
    ),
    ServiceCase(
        pairing_create,
        AID_OR_ADMIN,
        lambda w, u: pairing_create(
            year=_now()[0], quarter=_now()[1], reviewer=w.union_b, reviewed=w.union_a, by=u
        ),
    ),
    ServiceCase(
        pairing_delete,
        AID_OR_ADMIN,
        lambda w, u: pairing_delete(pairing=_pairing(w), by=u),
    ),
]
