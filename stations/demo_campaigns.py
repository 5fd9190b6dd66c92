"""Demo campaigns (issue 23, item 8 in part): a 送清凉 running now with deliveries to some of
the demo stations of three district unions, and a 送温暖 of last winter, finished. Through the
real services, as the aid center and the clerks would. Idempotent: a campaign is keyed by its
title."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Campaign, CampaignKind, Station
from .services.campaigns import campaign_allocate, campaign_open, delivery_record

CLERKS = {"huangpu": "clerk_huangpu", "xuhui": "clerk_xuhui", "pudong": "clerk_pudong"}


def _open(aid, kind, title, starts_on, ends_on, offer, goods, *, deliver_on, per_union):
    if Campaign.objects.filter(title=title).exists():
        return 0
    campaign = campaign_open(
        by=aid, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, offer=offer,
        budget=Decimal("20000"), goods=goods,
    )  # fmt: skip
    made = list(campaign.goods.all())
    User = get_user_model()
    count = 0
    for code, username in CLERKS.items():
        clerk = User.objects.filter(username=username).first()
        stations = list(
            Station.objects.public().filter(union__code=code).order_by("plaque_number")[:per_union]
        )
        if clerk is None or not stations:
            continue
        campaign_allocate(
            campaign=campaign,
            by=aid,
            quantities={(clerk.profile.union_id, g.pk): 20 * len(stations) for g in made},
        )
        for i, station in enumerate(stations):
            delivery_record(
                campaign=campaign, station=station, by=clerk, delivered_on=deliver_on,
                received_by=station.head_name, quantities={made[i % len(made)].pk: 10},
            )  # fmt: skip
            count += 1
    return count


def seed_campaigns() -> int:
    aid = get_user_model().objects.filter(username="aidcenter").first()
    if aid is None:
        return 0
    today = timezone.localdate()
    summer = _open(
        aid, CampaignKind.COOL, f"{today.year}年送清凉", today - dt.timedelta(days=10),
        today + dt.timedelta(days=50), "绿豆汤、藿香正气水、毛巾，户外职工到站即可领取",
        [("绿豆汤", "箱", Decimal("40")), ("藿香正气水", "盒", Decimal("12.5")), ("毛巾", "条", Decimal("8"))],
        deliver_on=today - dt.timedelta(days=2), per_union=4,
    )  # fmt: skip
    winter_start = dt.date(today.year - 1, 12, 1)
    winter = _open(
        aid, CampaignKind.WARM, f"{today.year - 1}年冬季送温暖", winter_start,
        winter_start + dt.timedelta(days=60), "手套、暖宝宝，户外职工到站即可领取",
        [("手套", "副", Decimal("6")), ("暖宝宝", "盒", Decimal("15"))],
        deliver_on=winter_start + dt.timedelta(days=3), per_union=3,
    )  # fmt: skip
    return summer + winter
