"""The checklist a check is scored on, versioned: a check keeps the version it was scored
on, and editing the checklist makes a new version (inspections/checks/services/checklist.py)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Weights of one version add up to this (the score is out of 100).
TOTAL_WEIGHT = Decimal(100)


class ItemGroup(models.TextChoices):
    # 六有: 场所, 标识, 人员, 服务, 设施, 保障 (DESIGN glossary; the seed's 四、(二)).
    SIX_STANDARDS = "six_standards", _("Six standards (六有)")
    BASIC_FACILITIES = "basic_facilities", _("Six basic facilities")
    EXTRA_FACILITIES = "extra_facilities", _("Extra facilities")
    SERVICES = "services", _("Service items")
    HOURS = "hours", _("Open during posted hours")
    POSTED = "posted", _("Plaque, pledge and 12351 posted")
    ATTITUDE = "attitude", _("Attitude to workers")


class ChecklistQuerySet(models.QuerySet):
    def current(self) -> Checklist | None:
        return self.order_by("-version").first()


class Checklist(models.Model):
    """One version of the checklist. Rows are never edited once a check used them."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return f"v{self.version}"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="items"
    )
    # Stable across versions, so that a finding on item "hours" can be compared over time.
    code = models.SlugField(_("code"), max_length=40)
    group = models.CharField(_("group"), max_length=20, choices=ItemGroup.choices)
    label = models.CharField(_("item"), max_length=200)
    guidance = models.CharField(_("what to look for"), max_length=300, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    # Failing a red-line item (closed during posted hours, a worker refused, plaque missing)
    # opens a rectification order by itself (DESIGN: Scoring).
    red_line = models.BooleanField(_("red line"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["checklist", "position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(fields=["checklist", "code"], name="checklist_item_code_unique")
        ]

    def __str__(self) -> str:
        return self.label
