"""One year's selection: drafted by the aid center, public only once it publishes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.actions import Action, table
from unions.roles import AID


class AwardYearStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


Y = AwardYearStatus
# The moves of a year's selection, written once (the shape of unions/actions.py): the
# services check them (awards/services.py), the selection page draws its buttons from them.
# The aid center is the office of the leading group that selects (四、(五); 五、(二)).
YEAR_ACTIONS = table(
    Action(
        "shortlist",
        (Y.DRAFT,),
        None,
        AID,
        _("Work out the shortlist again"),
        style="secondary",
    ),
    Action(
        "select",
        (Y.DRAFT,),
        None,
        AID,
        _("Save selection"),
    ),
    Action(
        "publish",
        (Y.DRAFT,),
        Y.PUBLISHED,
        AID,
        _("Publish the honours"),
        confirm=_(
            "Publish the honours? The titles become public, each union is told of its "
            "winners and the certificates are made; after that, changes are recorded "
            "corrections."
        ),
        style="success",
    ),
    # 市总工会安排经费预算 (三、(六)): the year's budget for the awards' support amounts.
    Action("budget", (Y.DRAFT, Y.PUBLISHED), None, AID, _("Set the awards budget")),
    Action(
        "certificates",
        (Y.PUBLISHED,),
        None,
        AID,
        _("Make missing certificates"),
        style="secondary",
    ),
)
YEAR_BADGES = {Y.DRAFT: "secondary", Y.PUBLISHED: "success"}
del Y


class ShortlistState(models.TextChoices):
    NONE = "", _("Not worked out")
    BUILDING = "building", _("Being worked out")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Working out failed")


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
    # 市总工会安排经费预算 (三、(六)): the awards' support budget of the year, in yuan; the
    # funding ledger sets the titles' amounts against it (awards/funding.py).
    budget = models.DecimalField(
        _("awards budget (yuan)"), max_digits=12, decimal_places=2, default=0
    )
    # The shortlist (awards.models.shortlist): when it was last worked out, how far the job
    # that works it out has got, and the counts it found, so that the page reads them
    # without counting 200,000 rows each time.
    shortlist_state = models.CharField(
        _("shortlist"), max_length=16, choices=ShortlistState.choices, blank=True, default=""
    )
    shortlist_at = models.DateTimeField(_("shortlist worked out at"), null=True, blank=True)
    shortlist_asked_at = models.DateTimeField(null=True, blank=True)
    shortlist_done = models.PositiveIntegerField(default=0)
    shortlist_total = models.PositiveIntegerField(default=0)
    shortlist_base = models.PositiveIntegerField(default=0)
    shortlist_eligible = models.PositiveIntegerField(default=0)
    shortlist_left_out = models.PositiveIntegerField(default=0)
    # How many stations each reason left out ({"few_quarters": 12, …}).
    shortlist_reasons = models.JSONField(default=dict, blank=True)

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

    @property
    def badge(self) -> str:
        return YEAR_BADGES[self.status]
