"""送清凉 / 送温暖 campaigns (issue 23; 沪工总基〔2018〕35号 三、(六) and 附件2 第3条: the
federation 开展送清凉、送温暖等全市性集中行动 through the stations).

The aid center opens a campaign with its goods and allocates quantities of each to the
unions; each union records what it delivered to which of its stations. A correction is a new
delivery that names the one it corrects, with signed quantities: nothing is edited in place,
and every record has its history row (stations/services/campaigns.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union
from unions.scopes import ScopedQuerySet

from .station import Station


class CampaignKind(models.TextChoices):
    COOL = "cool", _("Summer cooling (送清凉)")
    WARM = "warm", _("Winter warmth (送温暖)")
    OTHER = "other", _("Other city-wide campaign")


class CampaignQuerySet(models.QuerySet):
    def running(self, day: dt.date) -> CampaignQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Campaign(models.Model):
    """The city's: every role reads it; the aid center alone opens and allocates."""

    kind = models.CharField(_("kind"), max_length=10, choices=CampaignKind.choices)
    title = models.CharField(_("title"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("until (inclusive)"))
    # What outdoor workers can get, in the campaign's words: shown on the public pages.
    offer = models.CharField(_("what workers can get"), max_length=300)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.title

    def runs_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class CampaignGood(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="goods"
    )
    name = models.CharField(_("goods"), max_length=50)
    unit = models.CharField(_("unit"), max_length=10)
    unit_price = models.DecimalField(
        _("price per unit (yuan)"), max_digits=10, decimal_places=2, default=0
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("campaign goods")

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"


class CampaignAllocation(models.Model):
    """How much of one good a union may hand out in the campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="allocations")
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    good = models.ForeignKey(CampaignGood, on_delete=models.CASCADE, related_name="allocations")
    quantity = models.PositiveIntegerField(_("allocated"))
    # What the union has handed out of it, corrections counted: kept by delivery_record under
    # this row's lock, so progress reads these rows instead of adding up every delivery.
    delivered = models.IntegerField(_("delivered"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "union", "good"], name="campaign_allocation_once"
            )
        ]
        verbose_name = _("campaign allocation")

    def __str__(self) -> str:
        return f"{self.good} × {self.quantity}"


class CampaignDelivery(models.Model):
    """Goods handed to one station on one day, received by the station's head (never a
    worker's name). A correction names the delivery it corrects and carries signed
    quantities."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="deliveries")
    # Denormalised from the station so that scoping is one indexed filter.
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="campaign_deliveries",
    )
    delivered_on = models.DateField(_("delivered on"))
    received_by = models.CharField(_("received by (the station head)"), max_length=50)
    photo = models.ImageField(_("photo"), upload_to="campaigns/%Y/%m/", blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    reason = models.CharField(_("reason for the correction"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-delivered_on", "-id"]
        indexes = [
            models.Index(fields=["campaign", "union"], name="delivery_by_union"),
            models.Index(fields=["campaign", "station"], name="delivery_by_station"),
        ]
        verbose_name = _("campaign delivery")

    def __str__(self) -> str:
        return f"{self.station} {self.delivered_on}"


class CampaignDeliveryLine(models.Model):
    delivery = models.ForeignKey(CampaignDelivery, on_delete=models.CASCADE, related_name="lines")
    good = models.ForeignKey(CampaignGood, on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(_("quantity"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivered goods")

    def __str__(self) -> str:
        return f"{self.good} × {self.quantity}"


class CampaignUnionReach(models.Model):
    """How many of a union's stations the campaign has reached: counted once per station, on
    its first delivery (progress reads it instead of counting the deliveries)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    stations = models.PositiveIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "union"], name="campaign_union_reach_once")
        ]

    def __str__(self) -> str:
        return f"{self.union_id}: {self.stations}"


class CampaignDistrictReach(models.Model):
    """The same by district, for the aid center's city-wide view."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    district = models.CharField(max_length=20)
    stations = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "district"], name="campaign_district_reach_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.stations}"
