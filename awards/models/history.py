"""Append-only history of a year's selection: who selected, confirmed, published and, after
publication, corrected what and why (DESIGN: every change records who, when, what, why)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models.history import append_only

from .year import AwardYear


class AwardChange(models.Model):
    class Action(models.TextChoices):
        SELECTED = "selected", _("Selection saved")
        CONFIRMED = "confirmed", _("Confirmed")
        UNCONFIRMED = "unconfirmed", _("Confirmation taken back")
        CITATION = "citation", _("Citation edited")
        PUBLISHED = "published", _("Published")
        CORRECTED = "corrected", _("Citation corrected after publication")
        WITHDRAWN = "withdrawn", _("Withdrawn after publication")

    award_year = models.ForeignKey(
        AwardYear, verbose_name=_("award year"), on_delete=models.PROTECT, related_name="changes"
    )
    # No foreign key to Award: a draft's awards are replaced when the selection is saved
    # again, and an append-only row cannot be nulled. The name says which title it was.
    award_name = models.CharField(_("award"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        triggers = [append_only("awardchange_append_only")]
        verbose_name = _("award history entry")
        verbose_name_plural = _("award history")

    def __str__(self) -> str:
        return f"{self.award_year} {self.action}"
