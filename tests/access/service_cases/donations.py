"""爱心互献 (stations/services/donations.py): offers, needs, matches and their moves."""

from __future__ import annotations

from django.utils import timezone

from stations.services import donations
from tests.donations import need, offer

from ..service_cases import ServiceCase
from ._build import AID, UNION_A

# Any union may record an offer for a donor it brought, as may the aid center.
UNIONS_OR_AID = frozenset({"union_a", "union_b", "aid_center"})


def _offer(world, user):
    return offer(world, by=user)


def _need(world, user):
    return need(world, by=user)


def _matched(world):
    return donations.donation_match(
        by=world.aid,
        offer_line=offer(world).lines.first(),
        need_line=need(world).lines.first(),
        quantity=5,
    )


def _match(world, user):
    return donations.donation_match(
        by=user,
        offer_line=offer(world).lines.first(),
        need_line=need(world).lines.first(),
        quantity=5,
    )


def _deliver(world, user):
    return donations.match_deliver(
        match=_matched(world), by=user, delivered_on=timezone.localdate()
    )


def _cancel(world, user):
    return donations.match_cancel(match=_matched(world), by=user, reason="捐赠方无法按期送达")


CASES = [
    ServiceCase(donations.donation_offer_record, UNIONS_OR_AID, _offer),
    ServiceCase(donations.need_post, UNION_A, _need),
    ServiceCase(donations.donation_match, AID, _match),
    ServiceCase(donations.match_deliver, AID, _deliver),
    ServiceCase(donations.match_cancel, AID, _cancel),
]
