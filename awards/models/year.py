"""One year's selection: drafted by the aid center, public only once it publishes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardYearStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AwardYearQuerySet(models.QuerySet):
    def published(self) -> AwardYearQuerySet:
        return self.filter(status=AwardYearStatus.PUBLISHED)


class AwardYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AwardYearStatus.choices,
        default=AwardYearStatus.DRAFT,
        db_index=True,
    )
    # The base of the 5%–8% bounds as it stood when the selection was saved, and the bounds
    # it gave (awards.rules.award_bounds), so the page shows what the count was held to.
    operating_stations = models.PositiveIntegerField(_("operating stations"), default=0)
    lower_bound = models.PositiveIntegerField(_("fewest excellent stations"), default=0)
    upper_bound = models.PositiveIntegerField(_("most excellent stations"), default=0)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("selected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    selected_at = models.DateTimeField(_("selected at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = AwardYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("award year")
        verbose_name_plural = _("award years")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_published(self) -> bool:
        return self.status == AwardYearStatus.PUBLISHED
