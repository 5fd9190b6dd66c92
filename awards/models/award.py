"""One title awarded in a year: an excellent station, its head, or its superior unit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.actions import Action, table
from unions.models import HostUnit, Union
from unions.roles import AID
from unions.scopes import ScopedQuerySet

from .year import AwardYear, AwardYearStatus


class AwardKind(models.TextChoices):
    EXCELLENT_STATION = (
        "excellent_station",
        _("Excellent outdoor workers' relay station of the year"),
    )
    STAR_HEAD = "star_head", _("Star station head of the year")
    PARTNER = "partner", _("Excellent public-welfare partner of the year")


# The order the honours page and the certificates list them in (source document 四、(五)).
KIND_ORDER = (AwardKind.EXCELLENT_STATION, AwardKind.STAR_HEAD, AwardKind.PARTNER)


class TitleStatus(models.TextChoices):
    """Where a title stands, derived from its year and its own fields (Award.status): a
    title has no status column, its year's publication moves all its titles at once."""

    PROPOSED = "proposed", _("Proposed: not published unless confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    PUBLISHED = "published", _("Published")
    # A proposal the aid center never confirmed before the year was published.
    LAPSED = "lapsed", _("Not confirmed: not published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def _not_excellent(award: Award) -> bool:
    # An excellent station is confirmed by being selected; it leaves a draft only when the
    # selection is saved without it.
    return award.kind != AwardKind.EXCELLENT_STATION


T = TitleStatus
# The moves of one title, written once (the shape of unions/actions.py): the services check
# them, the selection page draws its buttons, badges and confirmations from them.
TITLE_ACTIONS = table(
    Action("confirm", (T.PROPOSED,), T.CONFIRMED, AID, _("Confirm"), applies=_not_excellent),
    Action(
        "unconfirm",
        (T.CONFIRMED,),
        T.PROPOSED,
        AID,
        _("Take back confirmation"),
        style="secondary",
        applies=_not_excellent,
    ),
    Action("cite", (T.PROPOSED, T.CONFIRMED), None, AID, _("Edit the citation")),
    # After publication a citation changes only as a recorded correction, with its reason.
    Action(
        "correct",
        (T.PUBLISHED,),
        None,
        AID,
        _("Correct the citation"),
        needs_reason=True,
        reason_label=_("Why (after publication)"),
    ),
    # 经费支持 (五、(三); 附件2 第6条): the aid center may put an amount on a standing title,
    # before publication or after; a withdrawn or lapsed title receives none.
    Action("fund", (T.PROPOSED, T.CONFIRMED, T.PUBLISHED), None, AID, _("Support amount")),
    # Withdrawing takes back the certificate and the titles that follow from the title
    # (an excellent station's head and, unless another of its stations still holds the
    # title, its superior unit).
    Action(
        "withdraw",
        (T.PUBLISHED,),
        T.WITHDRAWN,
        AID,
        _("Withdraw the title"),
        needs_reason=True,
        reason_label=_("Why the title is withdrawn"),
        confirm=_(
            "Withdraw this title? Its certificate is withdrawn with it, and so are the "
            "titles that follow from it."
        ),
        style="danger",
    ),
)
TITLE_BADGES = {
    T.PROPOSED: "warning",
    T.CONFIRMED: "success",
    T.PUBLISHED: "success",
    T.LAPSED: "secondary",
    T.WITHDRAWN: "danger",
}
del T


class AwardQuerySet(ScopedQuerySet):
    def public(self) -> AwardQuerySet:
        """What anyone may read: confirmed, not withdrawn, in a published year."""
        return self.filter(
            award_year__status=AwardYearStatus.PUBLISHED, confirmed=True, withdrawn_at__isnull=True
        )


class Award(models.Model):
    award_year = models.ForeignKey(
        AwardYear, verbose_name=_("award year"), on_delete=models.PROTECT, related_name="awards"
    )
    kind = models.CharField(_("title"), max_length=20, choices=AwardKind.choices)
    # The winning station; for a partner, the best-ranked winning station it hosts.
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="+"
    )
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    # As awarded: the station's, head's or unit's name on the day of the selection. A later
    # rename of the station does not rewrite a certificate already given.
    name = models.CharField(_("name as awarded"), max_length=200)
    station_name = models.CharField(_("station name as awarded"), max_length=200)
    plaque_number = models.CharField(_("plaque number"), max_length=20)
    mean_score = models.DecimalField(
        _("mean quarterly score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("rank among candidates"), null=True, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    # 经费支持和奖励 (五、(三); 附件2 第6条): what the aid center grants with the title, in
    # yuan; counted in the winner's union's funding ledger once the title is published
    # (awards/funding.py).
    support_amount = models.DecimalField(
        _("support (yuan)"), max_digits=12, decimal_places=2, default=0
    )
    # Excellent stations are confirmed by being selected; heads and partners are proposals
    # the aid center confirms one by one. Only confirmed titles are published.
    confirmed = models.BooleanField(_("confirmed"), default=False)
    # A published title taken back (a correction): kept, with the reason in its history row (history.RecordChange).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["award_year", "kind", "rank", "id"]
        # The selection page reads each kind's titles a page at a time in this order; a year
        # of the whole city has 17,000 titles (issue 26).
        indexes = [
            models.Index(fields=["award_year", "kind", "rank", "id"], name="award_in_order"),
            # The funding ledger's titles that carry support (awards/funding.py): a few among
            # a year's 17,000 titles at national size, read without the rest.
            models.Index(
                fields=["award_year", "union"],
                condition=models.Q(support_amount__gt=0),
                name="award_supported",
            ),
        ]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["award_year", "kind", "station"],
                condition=~models.Q(kind="partner"),
                name="award_once_per_station_and_kind",
            ),
            # One partner title per superior unit, however many of its stations won.
            models.UniqueConstraint(
                fields=["award_year", "name"],
                condition=models.Q(kind="partner"),
                name="award_partner_once_per_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_year} {self.kind} {self.name}"

    @property
    def title(self) -> str:
        return f"{self.award_year.year}{self.get_kind_display()}"

    @property
    def status(self) -> str:
        if self.withdrawn_at is not None:
            return TitleStatus.WITHDRAWN
        if self.award_year.is_published:
            return TitleStatus.PUBLISHED if self.confirmed else TitleStatus.LAPSED
        return TitleStatus.CONFIRMED if self.confirmed else TitleStatus.PROPOSED

    def get_status_display(self) -> str:
        return str(TitleStatus(self.status).label)

    @property
    def badge(self) -> str:
        return TITLE_BADGES[self.status]
