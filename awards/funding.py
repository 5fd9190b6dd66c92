"""经费支持: a year's support to each union, as the funding ledger reads it (issue 23, item 6;
沪工总基〔2018〕35号 五、(三) and 附件2 第6条 可予以经费支持和奖励; 三、(六) 市总工会安排经费预算).

Two kinds of support reach a union in a year:
- campaign goods (送清凉, 送温暖) its stations received: per campaign and good, the union's
  kept delivered total (CampaignAllocation.delivered, corrections counted) at the good's
  price. A campaign counts in the year it starts, so a 送温暖 running over New Year is one
  year's;
- the support amounts of its stations' titles: a title's amount counts once the year's
  honours are published and while the title stands (confirmed, not withdrawn). Before that
  the aid center sees the amounts as planned, against the year's budget.

Every row is read through its scope (unions/scopes.py): a union's staff get their own
union's rows only. Read from kept totals and titles with an amount, never by adding up
deliveries: a year is its campaigns' goods × unions plus its funded titles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from stations.models import Campaign, CampaignAllocation
from unions.models import Union

from .models import Award, AwardYear, AwardYearStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class GoodsLine:
    """One good of one campaign delivered to one union's stations."""

    campaign: Campaign
    good: str
    unit: str
    quantity: int
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class AwardLine:
    """One title's support amount, for the station it names."""

    award: Award

    @property
    def amount(self) -> Decimal:
        return self.award.support_amount


@dataclass
class UnionLedger:
    union: Union
    goods: list[GoodsLine] = field(default_factory=list)
    awards: list[AwardLine] = field(default_factory=list)

    @property
    def goods_total(self) -> Decimal:
        return sum((line.amount for line in self.goods), ZERO)

    @property
    def awards_total(self) -> Decimal:
        return sum((line.amount for line in self.awards), ZERO)

    @property
    def total(self) -> Decimal:
        return self.goods_total + self.awards_total


@dataclass(frozen=True)
class CampaignBudget:
    campaign: Campaign
    used: Decimal

    @property
    def left(self) -> Decimal:
        return self.campaign.budget - self.used


@dataclass
class Ledger:
    year: int
    unions: list[UnionLedger]
    award_year: AwardYear | None

    @property
    def goods_total(self) -> Decimal:
        return sum((u.goods_total for u in self.unions), ZERO)

    @property
    def awards_total(self) -> Decimal:
        return sum((u.awards_total for u in self.unions), ZERO)

    @property
    def total(self) -> Decimal:
        return self.goods_total + self.awards_total

    @property
    def published(self) -> bool:
        return self.award_year is not None and self.award_year.is_published


def _year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def year_campaigns(year: int):
    first, last = _year_span(year)
    return Campaign.objects.filter(starts_on__range=(first, last)).order_by("starts_on", "id")


def _funded_titles(year: int, user, *, planned: bool):
    """The year's titles with a support amount, in ``user``'s scope: those that stand in a
    published year, or (``planned``) those that stand in the draft."""
    titles = Award.objects.visible_to(user).filter(
        award_year__year=year, support_amount__gt=0, confirmed=True, withdrawn_at__isnull=True
    )
    status = AwardYearStatus.DRAFT if planned else AwardYearStatus.PUBLISHED
    return titles.filter(award_year__status=status)


def funding_ledger(year: int, user, *, union: Union | None = None) -> Ledger:
    """Each union's support received in ``year`` that ``user`` may see (one union's with
    ``union``), unions by name, lines by campaign and good, then by plaque number."""
    first, last = _year_span(year)
    allocations = (
        CampaignAllocation.objects.visible_to(user)
        .filter(campaign__starts_on__range=(first, last))
        .exclude(delivered=0)
        .select_related("campaign", "good", "union")
        .order_by("campaign__starts_on", "campaign_id", "good__position", "good_id")
    )
    titles = _funded_titles(year, user, planned=False).select_related("union", "award_year")
    if union is not None:
        allocations = allocations.filter(union=union)
        titles = titles.filter(union=union)
    rows: dict[int, UnionLedger] = {}
    if union is not None:
        rows[union.pk] = UnionLedger(union)
    for allocation in allocations:
        good = allocation.good
        row = rows.setdefault(allocation.union_id, UnionLedger(allocation.union))
        row.goods.append(
            GoodsLine(
                allocation.campaign, good.name, good.unit, allocation.delivered, good.unit_price
            )
        )
    for award in titles.order_by("plaque_number", "kind", "id"):
        row = rows.setdefault(award.union_id, UnionLedger(award.union))
        row.awards.append(AwardLine(award))
    award_year = AwardYear.objects.filter(year=year).first()
    return Ledger(year, sorted(rows.values(), key=lambda r: r.union.name), award_year)


@dataclass
class Budgets:
    """The aid center's year against its budgets: each campaign's, and the awards'."""

    campaigns: list[CampaignBudget]
    award_year: AwardYear | None
    awards_granted: Decimal
    # The draft year's amounts, not yet granted (none once the year is published).
    awards_planned: Decimal

    @property
    def awards_budget(self) -> Decimal:
        return self.award_year.budget if self.award_year is not None else ZERO

    @property
    def awards_left(self) -> Decimal:
        return self.awards_budget - self.awards_granted - self.awards_planned

    @property
    def budget(self) -> Decimal:
        return sum((c.campaign.budget for c in self.campaigns), ZERO) + self.awards_budget

    @property
    def used(self) -> Decimal:
        return sum((c.used for c in self.campaigns), ZERO) + self.awards_granted

    @property
    def left(self) -> Decimal:
        return self.budget - self.used


def _amounts(titles) -> Decimal:
    return sum(titles.values_list("support_amount", flat=True), ZERO)


def funding_budgets(year: int, user) -> Budgets:
    """The year's budgets and what was used of each, for the aid center (whose scope is the
    whole city: a union's staff would see their own share, which no budget is of)."""
    campaigns = list(year_campaigns(year))
    used: dict[int, Decimal] = {c.pk: ZERO for c in campaigns}
    allocations = CampaignAllocation.objects.visible_to(user).filter(campaign__in=campaigns)
    for campaign_id, delivered, price in allocations.exclude(delivered=0).values_list(
        "campaign_id", "delivered", "good__unit_price"
    ):
        used[campaign_id] += delivered * price
    return Budgets(
        campaigns=[CampaignBudget(c, used[c.pk]) for c in campaigns],
        award_year=AwardYear.objects.filter(year=year).first(),
        awards_granted=_amounts(_funded_titles(year, user, planned=False)),
        awards_planned=_amounts(_funded_titles(year, user, planned=True)),
    )
