"""A campaign's progress, as the aid center follows it (every union) and a union its own:
per union and good, allocated against delivered; stations reached; budget used (delivered
quantities at each good's price). Three grouped statements, whatever the number of
deliveries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from unions.models import Union

from .models import Campaign, CampaignAllocation, CampaignDelivery, CampaignDeliveryLine


@dataclass
class UnionProgress:
    union: Union
    allocated: dict[int, int] = field(default_factory=dict)
    delivered: dict[int, int] = field(default_factory=dict)
    stations: int = 0
    spent: Decimal = Decimal(0)
    cell_list: list[tuple[int, int]] = field(default_factory=list)

    def cells(self, goods) -> list[tuple[int, int]]:
        return [(self.delivered.get(g.pk, 0), self.allocated.get(g.pk, 0)) for g in goods]


@dataclass
class Progress:
    goods: list
    unions: list[UnionProgress]
    districts: list[tuple[str, int]]

    @property
    def stations(self) -> int:
        return sum(u.stations for u in self.unions)

    @property
    def spent(self) -> Decimal:
        return sum((u.spent for u in self.unions), Decimal(0))

    def totals(self) -> list[tuple[int, int]]:
        return [
            (sum(u.delivered.get(g.pk, 0) for u in self.unions),
             sum(u.allocated.get(g.pk, 0) for u in self.unions))
            for g in self.goods
        ]  # fmt: skip


def campaign_progress(campaign: Campaign, user) -> Progress:
    goods = list(campaign.goods.all())
    price = {g.pk: g.unit_price for g in goods}
    rows: dict[int, UnionProgress] = {}
    allocations = CampaignAllocation.objects.visible_to(user).filter(campaign=campaign)
    unions = {u.pk: u for u in Union.objects.filter(pk__in=allocations.values("union_id"))}
    for a in allocations.values("union_id", "good_id", "quantity"):
        row = rows.setdefault(a["union_id"], UnionProgress(unions[a["union_id"]]))
        row.allocated[a["good_id"]] = a["quantity"]
    lines = (
        CampaignDeliveryLine.objects.visible_to(user)
        .filter(delivery__campaign=campaign)
        .values("delivery__union_id", "good_id")
        .annotate(total=Sum("quantity"))
    )
    for line in lines:
        row = rows.get(line["delivery__union_id"])
        if row is not None:
            row.delivered[line["good_id"]] = line["total"] or 0
            row.spent += (line["total"] or 0) * price.get(line["good_id"], Decimal(0))
    deliveries = CampaignDelivery.objects.visible_to(user).filter(campaign=campaign)
    for reached in deliveries.values("union_id").annotate(n=Count("station_id", distinct=True)):
        if reached["union_id"] in rows:
            rows[reached["union_id"]].stations = reached["n"]
    by_district = defaultdict(int)
    for reached in deliveries.values("station__district").annotate(
        n=Count("station_id", distinct=True)
    ):
        by_district[reached["station__district"]] = reached["n"]
    ordered = sorted(rows.values(), key=lambda r: r.union.name)
    for row in ordered:
        row.cell_list = row.cells(goods)
    return Progress(goods, ordered, sorted(by_district.items()))
