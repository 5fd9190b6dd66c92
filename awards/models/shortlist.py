"""A year's shortlist: the candidates of the selection, worked out once and kept in rows.

At national size the rules of the selection (awards.selectors.candidates) read 200,000
stations and a year of quarterly scores: tens of seconds, far too long for a page (the
selection page took 61 s and 25 MB when it drew every candidate each time). The shortlist
is that reading written down: one row per station operating when the year ended, its rank
among the eligible (NULL for the left out, with their reasons), its quarters, and the aid
center's working marks (``selected``). It is made by a job (awards.shortlist.shortlist_build)
that reports its progress; the page reads a page of rows by key, filtered by district or
union, and the bounds' counts from the database.

The rows are a reading at a time (``AwardYear.shortlist_at``), not the rules: saving the
titles checks the marked stations against the rules again (awards.services).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.models import Union
from unions.scopes import ScopedQuerySet

from .year import AwardYear


class Shortlisted(models.Model):
    award_year = models.ForeignKey(
        AwardYear, on_delete=models.CASCADE, related_name="shortlist", verbose_name=_("year")
    )
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="+", verbose_name=_("station")
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    district = models.CharField(_("district"), max_length=32)
    # 1, 2, … among the eligible, best mean first; NULL for a station left out.
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    mean = models.DecimalField(_("mean"), max_digits=6, decimal_places=2, null=True, blank=True)
    # [[score, satisfaction] or null, …] for Q1–Q4, as strings of the stored decimals.
    quarters = models.JSONField(_("quarters"), default=list)
    orders = models.PositiveIntegerField(_("rectification orders"), default=0)
    # The reasons a station is left out, as codes (awards.selectors.EXCLUSIONS), joined by ",".
    exclusions = models.CharField(_("left out because"), max_length=100, blank=True)
    # The aid center's working mark: saving the titles names the marked stations.
    selected = models.BooleanField(_("marked"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("shortlisted station")
        verbose_name_plural = _("shortlisted stations")
        constraints = [
            models.UniqueConstraint(
                fields=["award_year", "station"], name="shortlist_once_per_station"
            ),
        ]
        indexes = [
            # The page's orders: the whole city, a district, a union; each by rank.
            models.Index(fields=["award_year", "rank", "id"], name="shortlist_rank"),
            models.Index(
                fields=["award_year", "district", "rank", "id"], name="shortlist_district"
            ),
            models.Index(fields=["award_year", "union", "rank", "id"], name="shortlist_union"),
            # "Mean at least": counted from an index, not the year's rows.
            models.Index(fields=["award_year", "mean"], name="shortlist_mean"),
            models.Index(
                fields=["award_year", "rank"],
                condition=models.Q(selected=True),
                name="shortlist_marked",
            ),
            # The left out, in the order they were written (by plaque number).
            models.Index(
                fields=["award_year", "id"],
                condition=models.Q(rank__isnull=True),
                name="shortlist_left_out",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_year_id} {self.station_id} {self.rank}"
