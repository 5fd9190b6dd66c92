"""One title awarded in a year: an excellent station, its head, or its superior unit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.models import HostUnit, Union
from unions.scopes import ScopedQuerySet

from .year import AwardYear, AwardYearStatus


class AwardKind(models.TextChoices):
    EXCELLENT_STATION = (
        "excellent_station",
        _("Excellent outdoor workers' relay station of the year"),
    )
    STAR_HEAD = "star_head", _("Star station head of the year")
    PARTNER = "partner", _("Excellent public-welfare partner of the year")


# The order the honours page and the certificates list them in (source document 四、(五)).
KIND_ORDER = (AwardKind.EXCELLENT_STATION, AwardKind.STAR_HEAD, AwardKind.PARTNER)


class AwardQuerySet(ScopedQuerySet):
    def public(self) -> AwardQuerySet:
        """What anyone may read: confirmed, not withdrawn, in a published year."""
        return self.filter(
            award_year__status=AwardYearStatus.PUBLISHED, confirmed=True, withdrawn_at__isnull=True
        )


class Award(models.Model):
    award_year = models.ForeignKey(
        AwardYear, verbose_name=_("award year"), on_delete=models.PROTECT, related_name="awards"
    )
    kind = models.CharField(_("title"), max_length=20, choices=AwardKind.choices)
    # The winning station; for a partner, the best-ranked winning station it hosts.
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    # As awarded: the station's, head's or unit's name on the day of the selection. A later
    # rename of the station does not rewrite a certificate already given.
    name = models.CharField(_("name as awarded"), max_length=200)
    station_name = models.CharField(_("station name as awarded"), max_length=200)
    plaque_number = models.CharField(_("plaque number"), max_length=20)
    mean_score = models.DecimalField(
        _("mean quarterly score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("rank among candidates"), null=True, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    # Excellent stations are confirmed by being selected; heads and partners are proposals
    # the aid center confirms one by one. Only confirmed titles are published.
    confirmed = models.BooleanField(_("confirmed"), default=False)
    # A published title taken back (a correction): kept, with the reason in AwardChange.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["award_year", "kind", "rank", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["award_year", "kind", "station"],
                condition=~models.Q(kind="partner"),
                name="award_once_per_station_and_kind",
            ),
            # One partner title per superior unit, however many of its stations won.
            models.UniqueConstraint(
                fields=["award_year", "name"],
                condition=models.Q(kind="partner"),
                name="award_partner_once_per_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_year} {self.kind} {self.name}"

    @property
    def title(self) -> str:
        return f"{self.award_year.year}{self.get_kind_display()}"
