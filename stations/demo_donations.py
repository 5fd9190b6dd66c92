"""Demo 爱心互献 (issue 23, item 8 in part): a company's offer for the running 送清凉, matched
to what a Huangpu station lacked and delivered, its donor thanked on the campaign page; a
host unit's offer and a Xuhui station's need still waiting to be matched. Through the real
services, as the aid center and the clerks would. Idempotent: keyed by the donor's name."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Campaign, CampaignKind, DonationOffer, Station
from .services.donations import donation_match, donation_offer_record, match_deliver, need_post

DONOR = "光明乳业股份有限公司"


def _station(code: str) -> Station | None:
    return Station.objects.public().filter(union__code=code).order_by("plaque_number").first()


def seed_donations() -> int:
    User = get_user_model()
    aid = User.objects.filter(username="aidcenter").first()
    huangpu = User.objects.filter(username="clerk_huangpu").first()
    xuhui = User.objects.filter(username="clerk_xuhui").first()
    lacking, waiting = _station("huangpu"), _station("xuhui")
    if None in (aid, huangpu, xuhui, lacking, waiting):
        return 0
    if DonationOffer.objects.filter(donor_name=DONOR).exists():
        return 0
    today = timezone.localdate()
    summer = Campaign.objects.running(today).filter(kind=CampaignKind.COOL).first()
    offer = donation_offer_record(
        by=aid, donor_name=DONOR, donor_kind="company", contact_name="陈经理",
        contact_phone="021-54321234", lines=[("盒装牛奶", "箱", 200), ("矿泉水", "箱", 100)],
        districts=[lacking.district, "徐汇区", "静安区"], thank_publicly=True, campaign=summer,
        note="夏季每周可配送一次",
    )  # fmt: skip
    need = need_post(
        by=huangpu, station=lacking, lines=[("矿泉水", "箱", 20), ("盒装牛奶", "箱", 10)],
        note="高温期间站内饮用水不足",
    )  # fmt: skip
    offered = {line.name: line for line in offer.lines.all()}
    for line in need.lines.all():
        match = donation_match(
            by=aid, offer_line=offered[line.name], need_line=line, quantity=line.quantity
        )
        match_deliver(match=match, by=aid, delivered_on=today)
    donation_offer_record(
        by=xuhui, donor_name="工商银行徐家汇支行", donor_kind="host_unit",
        contact_name="王主任", contact_phone="13800138000",
        lines=[("藿香正气水", "盒", 60), ("毛巾", "条", 120)], districts=[], citywide=True,
        thank_publicly=False, campaign=summer,
    )  # fmt: skip
    need_post(
        by=xuhui, station=waiting, lines=[("毛巾", "条", 30), ("充电排插", "个", 2)],
        note="站内毛巾已用完",
    )  # fmt: skip
    return 2
