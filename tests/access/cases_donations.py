"""Harness cases for 爱心互献: offers, needs and their matches (issue 23, items 4 and 7)."""

from __future__ import annotations

from tests.donations import need, offer

from .case import Case


def _offer_of_union_a(w):
    return {"pk": offer(w, by=w.user_a).pk}


def _offer_of_the_aid_center(w):
    return {"pk": offer(w).pk}


def _need_a(w):
    return {"pk": need(w).pk}


def _match_a(w):
    from stations.services.donations import donation_match

    wanted = need(w)
    offered = offer(w)
    match = donation_match(
        by=w.aid,
        offer_line=offered.lines.first(),
        need_line=wanted.lines.first(),
        quantity=5,
    )
    return {"pk": match.pk}


CASES: dict[str, Case] = {
    # Offers: the aid center's, and the union's that recorded one for its donor; inspectors
    # never (they carry the donor's contact).
    "stations:donation_offer_list": Case(),
    # An empty POST: the form comes back with what is missing.
    "stations:donation_offer_create": Case(post_ok=(400,)),
    "stations:donation_offer_detail": Case(kwargs=_offer_of_union_a, owner="a"),
    # Needs: each union its own, the aid center all.
    "stations:station_need_list": Case(),
    "stations:station_need_create": Case(post_ok=(400,)),
    "stations:station_need_detail": Case(kwargs=_need_a, owner="a"),
    # Matching and delivery are the aid center's; an empty POST is refused with the form or
    # a message.
    "stations:station_need_match": Case(kwargs=_need_a, owner="a", post_ok=(400,)),
    "stations:donation_match_action": Case(kwargs=_match_a, owner="a", post_ok=(302,)),
}

VARIANTS: list[tuple[str, Case]] = [
    (
        "stations:donation_offer_detail",
        Case(
            kwargs=_offer_of_the_aid_center,
            override={"union_a": 404, "union_b": 404},
            label="an offer the aid center recorded is no union's to read",
        ),
    ),
]
