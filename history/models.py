"""Append-only history of every change to a record, beside stations' StationTransition.

A station's status move is a StationTransition; every other change — a filing created, edited,
submitted, its signed scan replaced; a station added or edited; an acceptance, agreement,
pledge or insurance policy recorded or changed — is a RecordChange, written by the service
that makes the change, in the same transaction. On PostgreSQL a trigger refuses UPDATE and
DELETE on both tables, so not even a raw SQL session can rewrite the past.

The model names the records it points at by label ("stations.Station") and this app imports
none of the project's apps: every app above writes history through ``history.writer``. The
table keeps the name it had when history lived in stations (``stations_recordchange``):
renaming it would drop and re-create its append-only trigger and gain no reader anything.
Which rows a user sees is ``unions.scopes.visible`` (entry "history.RecordChange").
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def append_only(name: str) -> pgtrigger.Protect:
    return pgtrigger.Protect(
        name=name, operation=pgtrigger.Update | pgtrigger.Delete, when=pgtrigger.Before
    )


class RecordChange(models.Model):
    class Record(models.TextChoices):
        FILING = "filing", _("Filing form")
        STATION = "station", _("Station")
        ACCEPTANCE = "acceptance", _("Acceptance")
        AGREEMENT = "agreement", _("Co-building agreement")
        PLEDGE = "pledge", _("Service pledge")
        INSURANCE = "insurance", _("Liability insurance")
        INSPECTION = "inspection", _("Inspection")
        RECTIFICATION = "rectification", _("Rectification order")
        APPEAL = "appeal", _("Appeal")
        FEEDBACK = "feedback", _("Worker feedback")
        # A year's honours: record_id is the AwardYear's, the title named in ``changes``.
        AWARD = "award", _("Award year")
        # 送清凉 / 送温暖 (stations/models/campaign.py): record_id is the campaign's.
        CAMPAIGN = "campaign", _("Campaign")
        DELIVERY = "delivery", _("Campaign delivery")
        ALERT = "alert", _("Heat or cold alert")
        # Training of station heads (stations/models/training.py): record_id is the session's.
        TRAINING = "training", _("Training session")
        # 爱心互献 (stations/models/donation.py): a donor's offer, a station's need, a match.
        DONATION = "donation", _("Donation offer")
        NEED = "need", _("Station need")
        DONATION_MATCH = "donation_match", _("Donation matched to a need")

    class Action(models.TextChoices):
        # "Created" alone is the 创建时间 column heading elsewhere; in history it is an event.
        CREATED = "created", pgettext_lazy("history event", "Created")
        IMPORTED = "imported", _("Imported from Excel")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted")
        RECORDED = "recorded", _("Recorded")
        RECEIVED = "received", _("Signed copy received")
        SCAN_REPLACED = "scan_replaced", _("Scan replaced")
        SCAN_ADDED = "scan_added", _("Scan added")
        PAPER_RECEIVED = "paper_received", _("Paper copies received")
        PLAQUE_DELIVERED = "plaque_delivered", _("Plaque delivered")
        PLAQUE_HUNG = "plaque_hung", _("Plaque hung (挂牌)")
        VOIDED = "voided", _("Voided")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", pgettext_lazy("history event", "Closed")
        ESCALATED = "escalated", _("Escalated")
        OVERDUE = "overdue", _("Found overdue")
        DECIDED = "decided", _("Decided")
        HIDDEN = "hidden", _("Hidden by moderation")
        SHOWN = "shown", _("Shown again")
        # A check made far from its station, accepted by the aid center (inspections).
        POSITION_ACCEPTED = "position_ok", _("Position accepted")
        # A year's honours (awards.services), folded in from the former AwardChange.
        SELECTED = "selected", _("Selection saved")
        CONFIRMED = "confirmed", _("Confirmed")
        UNCONFIRMED = "unconfirmed", _("Confirmation taken back")
        CITATION = "citation", _("Citation edited")
        PUBLISHED = "published", _("Published")
        CORRECTED = "corrected", _("Citation corrected after publication")
        WITHDRAWN = "withdrawn", _("Withdrawn after publication")
        # A union's stations typed in GCJ-02 or BD-09, turned into WGS-84 (stations/datum.py).
        DATUM_CONVERTED = "datum_converted", _("Coordinates converted to WGS-84")
        # A station's 清凉模式/暖心模式 hours, and an alert ended before its last day.
        ALERT_HOURS = "alert_hours", _("Alert-mode hours recorded")
        ENDED = "ended", _("Ended early")
        # A donation's goods matched to a station's need, and handed over (爱心互献).
        MATCHED = "matched", _("Matched")
        DELIVERED = "delivered", _("Delivered")

    # None for a change that belongs to no union: a year's honours are the city's.
    union = models.ForeignKey(
        "unions.Union",
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    record = models.CharField(_("record"), max_length=16, choices=Record.choices)
    record_id = models.PositiveBigIntegerField(_("record id"))
    # The station and filing the change concerns, so that their pages list it with one
    # indexed filter; an agreement covering three stations writes one row per station.
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )
    filing = models.ForeignKey(
        "stations.FilingForm",
        verbose_name=_("filing form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changes",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # {"field": [old, new]} as text, for edits; file names are not personal data.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        db_table = "stations_recordchange"
        ordering = ["at", "id"]
        verbose_name = _("record change")
        verbose_name_plural = _("record changes")
        triggers = [append_only("recordchange_append_only")]

    def __str__(self) -> str:
        return f"{self.record}:{self.record_id} {self.action}"

    @property
    def award_name(self) -> str:
        """The title an award change concerns ("" for the year's own steps)."""
        return self.changes.get("award", "") if self.record == self.Record.AWARD else ""
