"""A donor's offer and a station's need of union A, made through the services as the aid
center and union A's clerk would: for the donation tests and the access harness."""

from __future__ import annotations

from stations.models import DonationOffer, StationNeed
from stations.services.donations import donation_offer_record, need_post
from tests.factories import OperatingStationFactory


def operating_station(world, union=None, **fields):
    union = union or world.union_a
    return OperatingStationFactory(union=union, district=union.district or "黄浦区", **fields)


def offer(world, *, by=None, quantity: int = 50, **fields) -> DonationOffer:
    """绿豆汤 and 毛巾 offered to union A's district; by the aid center unless ``by``."""
    values = {
        "donor_name": "上海爱心食品有限公司",
        "donor_kind": "company",
        "contact_name": "周经理",
        "contact_phone": "13912345678",
        "lines": [("绿豆汤", "箱", quantity), ("毛巾", "条", quantity)],
        "districts": [world.union_a.district or "黄浦区"],
        **fields,
    }
    return donation_offer_record(by=by or world.aid, **values)


def need(world, *, station=None, quantity: int = 20, by=None) -> StationNeed:
    """绿豆汤 and 毛巾 that one of union A's operating stations lacks."""
    return need_post(
        by=by or world.user_a,
        station=station or operating_station(world),
        lines=[("绿豆汤", "箱", quantity), ("毛巾", "条", quantity)],
        note="夏季防暑",
    )
