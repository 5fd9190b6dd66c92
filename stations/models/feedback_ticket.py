"""A serious complaint followed to a reply: the ticket the station's union must answer.

A worker who ticks "closed during posted hours" or "refused entry" (SERIOUS_PROBLEMS) opens
one, or adds a report to the station's ticket of the day that is still open: a hundred
workers turned away on one day are one ticket counting a hundred reports. The union hears
of new tickets and reports in a digest (stations/services/feedback.py), replies, and the aid
center, which sees every ticket, closes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unions.actions import NEW, Action, table
from unions.models import Union
from unions.roles import AID, UNION
from unions.scopes import ScopedQuerySet

from .feedback import Feedback
from .station import Station


class TicketStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the union's reply")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


T = TicketStatus
TICKET_BADGES = {T.OPEN: "danger", T.REPLIED: "warning", T.CLOSED: "secondary"}

# The moves a ticket may make, written once: a worker's serious complaint opens it (no
# person of the portal behind it); the union may reply (and correct its reply) until the
# aid center closes the ticket; the aid center may close it at any time, with or without a
# reply (a duplicate, or settled on the phone through 12351).
TICKET_ACTIONS = table(
    Action("open", (NEW,), T.OPEN, frozenset(), _("Open a ticket"), button=False, system=True),
    Action(
        "reply",
        (T.OPEN, T.REPLIED),
        T.REPLIED,
        UNION,
        _("Send reply"),
        needs_reason=True,
        reason_label=_("Reply"),
    ),
    Action(
        "close",
        (T.OPEN, T.REPLIED),
        T.CLOSED,
        AID,
        _("Close ticket"),
        confirm=_("Close this ticket?"),
        style="secondary",
    ),
)
del T


class FeedbackTicket(models.Model):
    feedback = models.OneToOneField(
        Feedback, verbose_name=_("feedback"), on_delete=models.PROTECT, related_name="ticket"
    )
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="tickets"
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True, db_index=True)
    # The local day its reports are about: a report joins the station's open ticket of its day.
    day = models.DateField(_("day"), default=timezone.localdate)
    reports = models.PositiveIntegerField(_("reports"), default=1)
    last_report_at = models.DateTimeField(_("last report"), null=True, blank=True)
    # How many of the reports the union has been told of in a digest.
    reports_told = models.PositiveIntegerField(_("reports told to the union"), default=0)
    reply = models.TextField(_("reply"), max_length=1000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    # Read by the {% badge %} tag (unions/templatetags/records.py).
    status_badges = TICKET_BADGES

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("feedback ticket")
        verbose_name_plural = _("feedback tickets")
        indexes = [
            models.Index(fields=["union", "status"], name="ticket_union_status"),
            # The ticket list's order, newest first, read by key, and its "from, to" days.
            models.Index(fields=["opened_at", "id"], name="ticket_opened_id"),
            models.Index(fields=["station", "day"], name="ticket_station_day"),
            # The digest's work: tickets with reports the union has not been told of.
            models.Index(
                fields=["union", "id"],
                condition=models.Q(reports__gt=models.F("reports_told")),
                name="ticket_untold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.status}"
