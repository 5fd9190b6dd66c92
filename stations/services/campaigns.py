"""Campaigns (issue 23): open one with its goods, allocate them to the unions, record what a
union's stations received. Each checks its caller and writes its history row; a delivery
beyond what was allocated, or to a station not operating, is refused with the numbers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from history.changes import announce
from history.models import RecordChange
from history.writer import record_change
from unions.models import Union

from ..models import (
    Campaign,
    CampaignAllocation,
    CampaignDelivery,
    CampaignDeliveryLine,
    CampaignDistrictReach,
    CampaignGood,
    CampaignUnionReach,
    Station,
)
from ..permissions import record_check

# More than any campaign hands out; the column holds 2^31.
MAX_QUANTITY = 100_000_000


@transaction.atomic
def campaign_open(
    *, by, kind: str, title: str, starts_on: dt.date, ends_on: dt.date, offer: str,
    budget: Decimal, goods: list[tuple[str, str, Decimal]],
) -> Campaign:  # fmt: skip
    record_check(by, "campaign")
    if ends_on < starts_on:
        raise ValidationError(_("The campaign cannot end before it starts."))
    if not goods:
        raise ValidationError(_("Name at least one kind of goods."))
    campaign = Campaign.objects.create(
        kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, offer=offer,
        budget=budget, created_by=by,
    )  # fmt: skip
    CampaignGood.objects.bulk_create(
        CampaignGood(campaign=campaign, name=name, unit=unit, unit_price=price, position=i)
        for i, (name, unit, price) in enumerate(goods)
    )
    record_change(
        record=RecordChange.Record.CAMPAIGN,
        record_id=campaign.pk,
        union_id=None,
        action=RecordChange.Action.CREATED,
        by=by,
        changes={"title": ["", title], "goods": ["", "、".join(g[0] for g in goods)]},
    )
    return campaign


def _reached(campaign: Campaign, station: Station, step: int) -> None:
    """A station's first delivery (+1), or its goods all taken back (-1): the stations
    reached of its union and district."""
    for model, key in (
        (CampaignUnionReach, {"union_id": station.union_id}),
        (CampaignDistrictReach, {"district": station.district}),
    ):
        model.objects.get_or_create(campaign=campaign, **key)
        model.objects.filter(campaign=campaign, **key).update(stations=F("stations") + step)


@transaction.atomic
def campaign_allocate(*, campaign: Campaign, by, quantities: dict[tuple[int, int], int]) -> int:
    """Set the quantity of each (union id, good id); never below what the union has already
    delivered of that good. Returns how many allocations changed."""
    record_check(by, "campaign")
    goods = {g.pk: g for g in campaign.goods.all()}
    current = {
        (a.union_id, a.good_id): a
        for a in CampaignAllocation.objects.select_for_update().filter(campaign=campaign)
    }
    changed = {}
    known_unions = set(
        Union.objects.filter(pk__in={u for u, _g in quantities}).values_list("pk", flat=True)
    )
    for (union_id, good_id), quantity in quantities.items():
        if (
            good_id not in goods
            or union_id not in known_unions
            or not 0 <= quantity <= MAX_QUANTITY
        ):
            raise ValidationError(_("Unknown goods or a negative quantity."))
        before = current[(union_id, good_id)].quantity if (union_id, good_id) in current else 0
        if before == quantity:
            continue
        done = current[(union_id, good_id)].delivered if (union_id, good_id) in current else 0
        if quantity < done:
            raise ValidationError(
                _(
                    "%(goods)s: %(done)s %(unit)s are already delivered; the allocation cannot be less."
                )
                % {"goods": goods[good_id].name, "done": done, "unit": goods[good_id].unit}
            )
        CampaignAllocation.objects.update_or_create(
            campaign=campaign, union_id=union_id, good_id=good_id, defaults={"quantity": quantity}
        )
        changed[(union_id, good_id)] = (before, quantity)
    for union_id in {u for u, _g in changed}:
        record_change(
            record=RecordChange.Record.CAMPAIGN,
            record_id=campaign.pk,
            union_id=union_id,
            action=RecordChange.Action.EDITED,
            by=by,
            changes={
                goods[g].name: [str(before), str(after)]
                for (u, g), (before, after) in changed.items()
                if u == union_id
            },
            reason=_("Allocation"),
        )
    if changed:
        announce("campaign", ids=(campaign.pk,), unions={u for u, _g in changed})
    return len(changed)


@transaction.atomic
def delivery_record(
    *, campaign: Campaign, station: Station, by, delivered_on: dt.date, received_by: str,
    quantities: dict[int, int], photo=None, corrects: CampaignDelivery | None = None,
    reason: str = "",
) -> CampaignDelivery:  # fmt: skip
    """One station's goods of one day. Refused: a station not operating, a day outside the
    campaign, more than the union was allocated (with the numbers), nothing at all; a
    correction may take back, never below zero at the station."""
    record_check(by, "campaign_delivery", station)
    station = Station.objects.select_for_update().get(pk=station.pk)
    if not station.is_public:
        raise ValidationError(
            _("%(name)s is not operating: campaign goods go to operating stations only.")
            % {"name": station.name}
        )
    if not campaign.runs_on(delivered_on):
        raise ValidationError(
            _("The campaign runs from %(start)s to %(end)s; %(day)s is outside it.")
            % {"start": campaign.starts_on, "end": campaign.ends_on, "day": delivered_on}
        )
    if corrects is not None and (
        corrects.campaign_id != campaign.pk or corrects.station_id != station.pk
    ):
        raise ValidationError(
            _("A correction is of a delivery to the same station in the same campaign.")
        )
    if corrects is not None and not reason.strip():
        raise ValidationError(_("Say why the delivery is corrected."))
    goods = {g.pk: g for g in campaign.goods.all()}
    lines = {g: q for g, q in quantities.items() if q}
    if not lines:
        raise ValidationError(_("Enter the quantity of at least one kind of goods."))
    if any(g not in goods for g in lines) or (
        corrects is None and any(q < 0 for q in lines.values())
    ):
        raise ValidationError(_("Unknown goods or a negative quantity."))
    # The union's allocations locked: two clerks recording at once are counted one by one,
    # and their kept delivered totals stay exact.
    rows = {
        a.good_id: a
        for a in CampaignAllocation.objects.select_for_update().filter(
            campaign=campaign, union_id=station.union_id
        )
    }
    allocated = {g: a.quantity for g, a in rows.items()}
    done = {g: a.delivered for g, a in rows.items()}
    at_station = defaultdict(int)
    for row in CampaignDeliveryLine.objects.filter(
        delivery__campaign=campaign, delivery__station=station
    ).values("good_id", "quantity"):
        at_station[row["good_id"]] += row["quantity"]
    over = []
    for good_id, quantity in lines.items():
        good = goods[good_id]
        if at_station[good_id] + quantity < 0:
            raise ValidationError(
                _(
                    "%(goods)s: the station has received %(had)s %(unit)s; a correction cannot take back more."
                )
                % {"goods": good.name, "had": at_station[good_id], "unit": good.unit}
            )
        if done.get(good_id, 0) + quantity > allocated.get(good_id, 0):
            over.append(
                _(
                    "%(goods)s: allocated %(allocated)s %(unit)s, delivered %(done)s, this time %(now)s"
                )
                % {
                    "goods": good.name,
                    "allocated": allocated.get(good_id, 0),
                    "unit": good.unit,
                    "done": done.get(good_id, 0),
                    "now": quantity,
                }  # fmt: skip
            )
    if over:
        raise ValidationError(
            _("More than the union was allocated: %(lines)s.") % {"lines": "；".join(over)}
        )
    first_here = not CampaignDelivery.objects.filter(campaign=campaign, station=station).exists()
    delivery = CampaignDelivery.objects.create(
        campaign=campaign, union_id=station.union_id, station=station, delivered_on=delivered_on,
        received_by=received_by.strip(), corrects=corrects, reason=reason.strip(), by=by,
    )  # fmt: skip
    if photo is not None:
        delivery.photo.save("delivery", photo, save=True)
    CampaignDeliveryLine.objects.bulk_create(
        CampaignDeliveryLine(delivery=delivery, good_id=g, quantity=q) for g, q in lines.items()
    )
    for good_id, quantity in lines.items():
        CampaignAllocation.objects.filter(pk=rows[good_id].pk).update(
            delivered=F("delivered") + quantity
        )
    if first_here:
        _reached(campaign, station, +1)
    elif corrects is not None and not any(
        at_station[g] + lines.get(g, 0) for g in set(at_station) | set(lines)
    ):
        # Taken back in full (a delivery to the wrong station): no longer reached.
        _reached(campaign, station, -1)
    record_change(
        record=RecordChange.Record.DELIVERY,
        record_id=delivery.pk,
        union_id=station.union_id,
        action=RecordChange.Action.CORRECTED
        if corrects is not None
        else RecordChange.Action.RECORDED,
        by=by,
        stations=[station],
        changes={goods[g].name: ["", str(q)] for g, q in lines.items()},
        reason=reason.strip(),
    )
    return delivery


def _net_positive(**lookups) -> Exists:
    """Some goods of a campaign reached a station and were not all taken back."""
    net = (
        CampaignDeliveryLine.objects.filter(**lookups)
        .values("delivery__station", "delivery__campaign")
        .annotate(net=Sum("quantity"))
        .filter(net__gt=0)
    )
    return Exists(net)


def reached_stations(campaign: Campaign | int) -> Exists:
    """For a Station queryset: the stations the campaign's goods (a campaign or its id)
    reached and stayed at."""
    return _net_positive(delivery__campaign=campaign, delivery__station=OuterRef("pk"))


# A campaign whose goods reached fewer stations than this is found from its deliveries (a
# list of ids); a bigger one by asking each station in the list's order, which finds a page
# among the first rows read. Asking each station of a sparse campaign read the directory to
# its end (every public station, at national size) before a page was full.
SPARSE_REACH = 2000


def reached_filter(campaign: Campaign | int) -> Q:
    """For a Station queryset: the stations the campaign reached, by the cheaper road for how
    many it reached (its kept count of stations reached, by district)."""
    campaign_id = campaign.pk if isinstance(campaign, Campaign) else campaign
    reached = CampaignDistrictReach.objects.filter(campaign_id=campaign_id).aggregate(
        n=Sum("stations")
    )["n"]
    if not reached:
        return Q(pk__in=[])
    if reached < SPARSE_REACH:
        ids = (
            CampaignDeliveryLine.objects.filter(delivery__campaign_id=campaign_id)
            .values("delivery__station")
            .annotate(net=Sum("quantity"))
            .filter(net__gt=0)
            .values_list("delivery__station", flat=True)
        )
        return Q(pk__in=list(ids))
    return Q(reached_stations(campaign_id))


def campaigns_reaching(station: Station) -> Exists:
    """For a Campaign queryset: the campaigns whose goods reached ``station`` and stayed."""
    return _net_positive(delivery__campaign=OuterRef("pk"), delivery__station=station)
