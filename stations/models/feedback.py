"""Worker feedback on a station (/stations/<plaque>/feedback/): a rating, a checklist of
problems, a comment. No login and no identity: the device and the address are kept only as
salted hashes, for the per-device and per-address limits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.actions import Action, table
from unions.models import Union
from unions.roles import AID
from unions.scopes import ScopedQuerySet

from .station import Station


class FeedbackProblem(models.TextChoices):
    CLOSED_IN_HOURS = "closed_in_hours", _("Closed during posted hours")
    REFUSED = "refused", _("I was refused entry")
    NO_WATER = "no_water", _("No drinking water")
    NO_CHARGING = "no_charging", _("No phone charging")
    NO_HEATING = "no_heating", _("Could not heat a meal")
    NO_TOILET = "no_toilet", _("Toilet not available")
    UNFRIENDLY = "unfriendly", _("Staff were unfriendly")
    DIRTY = "dirty", _("Not clean")
    NO_SIGN = "no_sign", _("Hard to find, no plaque")


# Problems that make a complaint serious: it opens a ticket for the station's union and the
# worker is shown the 12351 hotline.
SERIOUS_PROBLEMS = (FeedbackProblem.CLOSED_IN_HOURS, FeedbackProblem.REFUSED)


class FeedbackStatus(models.TextChoices):
    # Counted and shown at once; the aid center may hide it (abuse, personal data).
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by moderation")
    # Arrived in an unusual burst at its station (FEEDBACK_HOLD_PER_STATION_*), or while
    # the limits could not be counted: kept, but counted only once the aid center releases
    # it (stations/services/feedback.py).
    HELD = "held", _("Held for moderation")


F = FeedbackStatus
FEEDBACK_BADGES = {F.VISIBLE: "light", F.HIDDEN: "secondary", F.HELD: "warning"}

# Moderation, written once (DESIGN: the aid center moderates feedback): hiding takes it out
# of the rating and the lists and says why; showing it again puts it back; releasing a held
# rating (a burst at its station) lets it count.
FEEDBACK_ACTIONS = table(
    Action("release", (F.HELD,), F.VISIBLE, AID, _("Release"), style="success"),
    Action(
        "hide",
        (F.VISIBLE, F.HELD),
        F.HIDDEN,
        AID,
        _("Hide"),
        needs_reason=True,
        reason_label=_("Moderation note"),
        style="danger",
    ),
    Action("show", (F.HIDDEN,), F.VISIBLE, AID, _("Show again")),
)
del F


class FeedbackQuerySet(ScopedQuerySet):
    def counted(self) -> FeedbackQuerySet:
        """Feedback that counts towards ratings and satisfaction: neither hidden nor held."""
        return self.filter(status=FeedbackStatus.VISIBLE)


class Feedback(models.Model):
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="feedback"
    )
    # Denormalised from the station so that scoping is one indexed filter.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    problems = models.JSONField(_("problems"), default=list, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    serious = models.BooleanField(_("serious complaint"), default=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    device_hash = models.CharField(_("device"), max_length=64, blank=True)
    address_hash = models.CharField(_("address"), max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.VISIBLE,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.CharField(_("moderation note"), max_length=200, blank=True)
    # A serious complaint is one report on its station's ticket of the day (one ticket
    # however many workers report the same thing).
    complaint_ticket = models.ForeignKey(
        "stations.FeedbackTicket",
        verbose_name=_("ticket"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )

    objects = FeedbackQuerySet.as_manager()

    # Read by the {% badge %} tag (unions/templatetags/records.py).
    status_badges = FEEDBACK_BADGES

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]
        indexes = [
            models.Index(fields=["station", "created_at"], name="feedback_station_time"),
            # The moderation list's order (newest first, then by id) from the index alone.
            models.Index(fields=["created_at", "id"], name="feedback_time_id"),
            # The moderation list's filters, newest first: hidden or serious feedback is
            # rare, and finding 50 of it in the order of all 1,000,000 read them all.
            models.Index(fields=["status", "created_at", "id"], name="feedback_status_time"),
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(serious=True),
                name="feedback_serious_time",
            ),
            # The last moderation, which keeps the list's cached count (only the moderated).
            models.Index(
                fields=["moderated_at"],
                condition=models.Q(moderated_at__isnull=False),
                name="feedback_moderated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.rating}"

    # Templates ask the record, never spell a status (STYLE habit 11).
    @property
    def is_visible(self) -> bool:
        return self.status == FeedbackStatus.VISIBLE

    @property
    def is_hidden(self) -> bool:
        return self.status == FeedbackStatus.HIDDEN

    @property
    def is_held(self) -> bool:
        return self.status == FeedbackStatus.HELD

    @property
    def problem_labels(self) -> list[str]:
        known = dict(FeedbackProblem.choices)
        return [known[p] for p in self.problems if p in known]
