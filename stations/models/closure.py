from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from unions.models import Union
from unions.scopes import ScopedQuerySet

from .station import Station


class StationClosureQuerySet(ScopedQuerySet):
    def covering(self, day: dt.date) -> StationClosureQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def not_over(self, day: dt.date) -> StationClosureQuerySet:
        """Closures that cover ``day`` or lie ahead of it: what the public is told."""
        return self.filter(ends_on__gte=day)


class StationClosure(models.Model):
    """A temporary closure the union posts (renovation, a holiday, an outage): the station
    stays a relay station, but it is not open on these dates, whatever its weekly hours say.

    Dates are whole local days (Asia/Shanghai), both ends included.
    """

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="closures"
    )
    # Denormalised from the station so that scoping is one indexed filter.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("closed from"))
    ends_on = models.DateField(_("closed until (inclusive)"))
    # Shown on the public page: the form says so to whoever types it.
    reason = models.CharField(_("reason shown to the public"), max_length=200)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StationClosureQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("temporary closure")
        verbose_name_plural = _("temporary closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="closure_ends_after_it_starts"
            )
        ]
        indexes = [models.Index(fields=["station", "ends_on"], name="closure_station_ends")]

    def __str__(self) -> str:
        return f"{self.station_id}: {self.starts_on}–{self.ends_on}"
