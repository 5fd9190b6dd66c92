"""Unannounced plans (每季度随机抽查) and peer-review pairings (互访互评).

A plan is drawn at the start of each quarter from a stored seed, so the same seed over the
same stations and inspectors draws the same plan. Union staff never see plans: their scope
entry says so (unions/scopes.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.models import Union
from unions.scopes import ScopedQuerySet


class InspectionPlan(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    seed = models.CharField(_("seed"), max_length=64)
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)
    # None when Celery beat drew it.
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="plan_one_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"


class PlanVisit(models.Model):
    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="visits"
    )
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        constraints = [
            models.UniqueConstraint(fields=["plan", "station"], name="plan_visit_station_once")
        ]
        indexes = [
            # An inspector's visits of a quarter, their ids read from the index alone (the
            # count of those not yet made, on the inspector's home and today page).
            models.Index(fields=["inspector", "plan", "id"], name="plan_visit_inspector_ids"),
            # A plan's page, by district and inspector, read by key (views/plans.py).
            models.Index(fields=["plan", "district", "inspector", "id"], name="plan_visit_page"),
        ]

    def __str__(self) -> str:
        return f"{self.station.plaque_number} {self.station.name}"

    def get_staff_url(self) -> str:
        return self.station.get_staff_url()


class PeerReviewPairing(models.Model):
    """The aid center pairs two unions for a quarter: ``reviewer`` checks ``reviewed``'s
    operating stations, and sees exactly those."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    reviewer = models.ForeignKey(
        Union, verbose_name=_("reviewing union"), on_delete=models.PROTECT, related_name="+"
    )
    # Named "union" because the reviewed union owns the pairing's subject (its stations);
    # its scope entry also lets the reviewer see it.
    union = models.ForeignKey(
        Union, verbose_name=_("reviewed union"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "id"]
        verbose_name = _("peer review pairing")
        verbose_name_plural = _("peer review pairings")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "reviewer", "union"], name="pairing_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(reviewer=models.F("union")), name="pairing_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter} {self.reviewer_id}->{self.union_id}"
