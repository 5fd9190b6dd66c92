"""Training of station heads (issue 23; 沪工总基〔2018〕35号 五、(二): 要加强对站长等相关人员的培训).

The aid center schedules city-wide sessions that every union's heads may attend; a union
schedules its own, for its own stations' heads. Attendance is recorded per station head: the
station, and the head's name as it was on the day, so that a station whose head changed shows
its new head as not yet trained (stations/services/training.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union
from unions.scopes import ScopedQuerySet

from .station import Station


class TrainingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class TrainingSession(models.Model):
    """One session. ``union`` is None for the aid center's own, open to every union's heads;
    a union's session is seen by that union and the aid center alone."""

    union = models.ForeignKey(
        Union,
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=100)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    mode = models.CharField(_("held"), max_length=10, choices=TrainingMode.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on", "id"], name="training_session_order")]
        verbose_name = _("training session")

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    @property
    def city_wide(self) -> bool:
        return self.union_id is None


class TrainingAttendance(models.Model):
    """A station's head at a session. ``union`` is the station's, denormalised so that a
    union's attendance is one indexed filter."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    union = models.ForeignKey(Union, on_delete=models.PROTECT, related_name="+")
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="trainings"
    )
    # The head as named on the station that day: a later head is not trained by it.
    head_name = models.CharField(_("station head"), max_length=50)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "station"], name="training_attended_once")
        ]
        indexes = [
            # "Never trained" asks, for each station, whether its current head attended.
            models.Index(fields=["station", "head_name"], name="training_by_head"),
            models.Index(fields=["session", "union"], name="training_by_union"),
        ]
        verbose_name = _("training attendance")

    def __str__(self) -> str:
        return f"{self.head_name} @ {self.session_id}"
