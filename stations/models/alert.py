"""Heat and cold alerts (issue 23, item 3) and the stations' extended hours under them.

The aid center declares an alert (高温 or 寒潮, a level of China's four-colour warning scale,
and the dates it covers), or the alert feed brings one in (stations/services/alerts.py). A
station's union may record the hours the station keeps while an alert of a kind runs at or
above a level: 清凉模式 for heat, 暖心模式 for cold. They are kept on the station
(``Station.alert_hours``, ``heat_mode_from``, ``cold_mode_from``) so that the directory reads
them with the station's own hours; the rule that joins them is stations/alert_hours.py.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    HEAT = "heat", _("High temperature (高温)")
    COLD = "cold", _("Cold wave (寒潮)")


class AlertLevel(models.IntegerChoices):
    """China's meteorological warning colours, lowest first."""

    BLUE = 1, _("Blue")
    YELLOW = 2, _("Yellow")
    ORANGE = 3, _("Orange")
    RED = 4, _("Red")


class AlertSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the aid center")
    FEED = "feed", _("Read from the alert feed")


class WeatherAlertQuerySet(models.QuerySet):
    def covering(self, day: dt.date) -> WeatherAlertQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class WeatherAlert(models.Model):
    """The city's: every role and the public read it; the aid center (or the feed) writes."""

    kind = models.CharField(_("kind"), max_length=8, choices=AlertKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=AlertLevel.choices)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("until (inclusive)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=AlertSource.choices, default=AlertSource.DECLARED
    )
    # The feed's own id of the alert, so that reading the feed again updates, not repeats.
    feed_id = models.CharField(max_length=100, blank=True, editable=False)
    # Ended before its last day by the aid center: the feed no longer moves its end.
    ended_early = models.BooleanField(_("ended early"), default=False, editable=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WeatherAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("weather alert")
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="alert_covering")]
        constraints = [
            models.UniqueConstraint(
                fields=["feed_id"], condition=~models.Q(feed_id=""), name="alert_feed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_level_display()}"
