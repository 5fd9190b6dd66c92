"""爱心互献: goods offered by host units and companies, matched to what stations lack
(issue 23, item 4).

A donor's offer lists its goods, the districts it can deliver to and a contact, which only
the aid center reads (it arranges the delivery). A station's union posts what the station
lacks. The aid center matches a line of an offer to a line of a need, never beyond what the
offer has left or what the need still asks, and records the delivery. Donors who agreed are
thanked by name, and by name only, on the campaign page their offer was given for.

Each line keeps how much of it is matched (``matched``), kept by the match services under the
line's lock, so the lists read these rows instead of adding up every match.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from unions.actions import NEW, Action, table
from unions.models import Union
from unions.roles import AID
from unions.scopes import ScopedQuerySet

from .campaign import Campaign
from .station import Station


class DonorKind(models.TextChoices):
    HOST_UNIT = "host_unit", _("Host unit (创设单位)")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other donor")


class DonationOfferQuerySet(ScopedQuerySet):
    def delivering_to(self, district: str) -> DonationOfferQuerySet:
        return self.filter(
            Q(citywide=True)
            | Exists(DonationOfferArea.objects.filter(offer=OuterRef("pk"), district=district))
        )

    def with_goods_left(self, left: bool = True) -> DonationOfferQuerySet:
        has_left = Exists(
            DonationOfferLine.objects.filter(offer=OuterRef("pk"), matched__lt=F("quantity"))
        )
        return self.filter(has_left if left else ~has_left)

    def thanked_on(self, campaign: Campaign) -> DonationOfferQuerySet:
        """The offers given for ``campaign`` whose donor agreed to be thanked and some of
        whose goods have reached a station: what the public campaign page names."""
        delivered = DonationMatch.objects.filter(
            offer_line__offer=OuterRef("pk"), status=MatchStatus.DELIVERED
        )
        return self.filter(campaign=campaign, thank_publicly=True).filter(Exists(delivered))


class DonationOffer(models.Model):
    donor_name = models.CharField(_("donor"), max_length=100)
    donor_kind = models.CharField(
        _("kind of donor"), max_length=10, choices=DonorKind.choices, default=DonorKind.COMPANY
    )
    # The union that recorded the offer on the donor's behalf (it and the aid center see it);
    # None when the aid center recorded it.
    union = models.ForeignKey(
        Union,
        verbose_name=_("recorded by union"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    citywide = models.BooleanField(_("delivers anywhere in the city"), default=False)
    # Held privately: only the aid center, which arranges the delivery, reads it.
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    thank_publicly = models.BooleanField(_("agrees to be thanked by name"), default=False)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("given for the campaign"),
        on_delete=models.PROTECT,
        related_name="donation_offers",
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = DonationOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["campaign", "thank_publicly"], name="offer_thanks")]
        verbose_name = _("donation offer")

    def __str__(self) -> str:
        return self.donor_name


class DonationOfferArea(models.Model):
    """A district an offer can deliver to (one row each; none when it delivers citywide)."""

    offer = models.ForeignKey(DonationOffer, on_delete=models.CASCADE, related_name="areas")
    district = models.CharField(_("district"), max_length=20)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "district"], name="offer_area_once"),
        ]
        indexes = [models.Index(fields=["district", "offer"], name="offer_area_by_district")]

    def __str__(self) -> str:
        return self.district


class DonationOfferLine(models.Model):
    offer = models.ForeignKey(DonationOffer, on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(_("goods"), max_length=50)
    unit = models.CharField(_("unit"), max_length=10)
    quantity = models.PositiveIntegerField(_("quantity offered"))
    matched = models.PositiveIntegerField(_("matched"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matched__lte=F("quantity")), name="offer_line_not_over_matched"
            )
        ]
        verbose_name = _("offered goods")

    def __str__(self) -> str:
        return f"{self.name} × {self.quantity}{self.unit}"

    @property
    def left(self) -> int:
        return self.quantity - self.matched


class StationNeed(models.Model):
    """What one station lacks, posted by its union."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="needs"
    )
    # Denormalised from the station so that scoping and the district filter are one
    # indexed filter.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    note = models.CharField(_("note"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["union", "id"], name="need_by_union"),
            models.Index(fields=["district", "id"], name="need_by_district"),
        ]
        verbose_name = _("station need")

    def __str__(self) -> str:
        return f"{self.station} #{self.pk}"


class StationNeedLine(models.Model):
    need = models.ForeignKey(StationNeed, on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(_("goods"), max_length=50)
    unit = models.CharField(_("unit"), max_length=10)
    quantity = models.PositiveIntegerField(_("quantity needed"))
    matched = models.PositiveIntegerField(_("matched"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matched__lte=F("quantity")), name="need_line_not_over_matched"
            )
        ]
        verbose_name = _("needed goods")

    def __str__(self) -> str:
        return f"{self.name} × {self.quantity}{self.unit}"

    @property
    def left(self) -> int:
        return self.quantity - self.matched


class MatchStatus(models.TextChoices):
    MATCHED = "matched", _("Matched, not yet delivered")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


M = MatchStatus
MATCH_BADGES = {M.MATCHED: "warning", M.DELIVERED: "success", M.CANCELLED: "secondary"}

# The moves of a match, written once: the aid center matches offered goods to a need,
# records their delivery, or cancels a match the donor could not keep (its quantity is
# free again on both sides).
MATCH_ACTIONS = table(
    Action("match", (NEW,), M.MATCHED, AID, _("Match"), button=False),
    Action(
        "deliver",
        (M.MATCHED,),
        M.DELIVERED,
        AID,
        _("Record the delivery"),
        confirm=_("Have these goods reached the station?"),
        style="success",
    ),
    Action(
        "cancel",
        (M.MATCHED,),
        M.CANCELLED,
        AID,
        _("Cancel the match"),
        needs_reason=True,
        reason_label=_("Why is it cancelled?"),
        confirm=_("Cancel this match? Its quantity becomes free again."),
        style="danger",
    ),
)
del M


class DonationMatch(models.Model):
    offer_line = models.ForeignKey(
        DonationOfferLine, verbose_name=_("offered goods"), on_delete=models.PROTECT,
        related_name="matches",
    )  # fmt: skip
    need_line = models.ForeignKey(
        StationNeedLine, verbose_name=_("needed goods"), on_delete=models.PROTECT,
        related_name="matches",
    )  # fmt: skip
    # The need's union: the match is seen by it and the aid center.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.MATCHED
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("matched"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    status_badges = MATCH_BADGES

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "offer_line"], name="match_by_status")]
        verbose_name = _("donation match")

    def __str__(self) -> str:
        return f"{self.offer_line} → {self.need_line_id}"
