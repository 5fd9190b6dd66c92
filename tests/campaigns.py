"""A running campaign with two goods, allocated to union A, for the campaign tests and the
access harness (the service makes it, as the aid center would)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from stations.models import Campaign, CampaignKind
from stations.services.campaigns import campaign_allocate, campaign_open


def running_campaign(world, *, allocated: int = 100) -> Campaign:
    today = timezone.localdate()
    campaign = campaign_open(
        by=world.aid,
        kind=CampaignKind.COOL,
        title="2026年夏季送清凉",
        starts_on=today - dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=30),
        offer="绿豆汤、藿香正气水，户外职工到站即可领取",
        budget=Decimal("5000"),
        goods=[("绿豆汤", "箱", Decimal("40")), ("藿香正气水", "盒", Decimal("12.5"))],
    )
    goods = list(campaign.goods.all())
    campaign_allocate(
        campaign=campaign,
        by=world.aid,
        quantities={(world.union_a.pk, g.pk): allocated for g in goods},
    )
    return campaign
