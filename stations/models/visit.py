"""Anonymous counts of "I used this station", per station and day."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.scopes import ScopedQuerySet

from .station import Station


class StationVisitDay(models.Model):
    """Taps of "I used this station", one row per station and day: who tapped is not kept.

    A tap is one ``UPDATE … SET count = count + 1`` on this row, so concurrent taps never
    lose a count and no lock is held beyond the row."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="visit_days"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("visits"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("station visits in a day")
        verbose_name_plural = _("station visits by day")
        constraints = [
            models.UniqueConstraint(fields=["station", "day"], name="visit_day_once_per_station")
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.day} {self.count}"
