from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import CarrierType, HostUnit, Role, Union
from unions.roles import district_scope, role_of

from .choices import Audience
from .filing import FilingForm


class StationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    RECTIFYING = "rectifying", _("Rectifying")
    REVOKED = "revoked", _("Revoked")
    CLOSED = "closed", _("Closed")


# The lifecycle of DESIGN.md, written once: (from, to) -> the roles that may make the move.
# Services check it; templates ask it which buttons to show.
S = StationStatus
_UNION = frozenset({Role.UNION_STAFF})
_AID = frozenset({Role.AID_CENTER})
_AID_OR_INSPECTOR = frozenset({Role.AID_CENTER, Role.INSPECTOR})
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.SUBMITTED): _UNION,
    (S.RETURNED, S.SUBMITTED): _UNION,
    (S.SUBMITTED, S.RETURNED): _AID,
    (S.SUBMITTED, S.REJECTED): _AID,
    (S.SUBMITTED, S.APPROVED): _AID,
    (S.APPROVED, S.ACTIVE): _AID,
    (S.ACTIVE, S.RECTIFYING): _AID_OR_INSPECTOR,
    (S.RECTIFYING, S.ACTIVE): _AID_OR_INSPECTOR,
    (S.RECTIFYING, S.REVOKED): _AID,
    (S.ACTIVE, S.REVOKED): _AID,
    (S.APPROVED, S.REVOKED): _AID,
    (S.ACTIVE, S.CLOSED): _AID,
    (S.RECTIFYING, S.CLOSED): _AID,
}
PUBLIC_STATUSES = (S.ACTIVE, S.RECTIFYING)
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
del S


def transition_allowed(from_status: str, to_status: str, role: str | None) -> bool:
    return role in TRANSITIONS.get((from_status, to_status), frozenset())


class StationQuerySet(models.QuerySet):
    def visible_to(self, user) -> StationQuerySet:
        """The one place that decides which stations a user may see."""
        role = role_of(user)
        if role == Role.UNION_STAFF:
            return self.filter(union_id=user.profile.union_id)
        if role == Role.INSPECTOR:
            district = district_scope(user)
            qs = self.exclude(status__in=(StationStatus.DRAFT,))
            return qs.filter(district=district) if district else qs
        if role in (Role.AID_CENTER, Role.ADMIN):
            return self.all()
        return self.none()

    def public(self) -> StationQuerySet:
        return self.filter(status__in=PUBLIC_STATUSES)

    def with_plaque(self) -> StationQuerySet:
        return self.exclude(plaque_number="")


class Station(models.Model):
    """接力站: one row of 附件1 plus what the registry (基础信息数据库) needs beyond the form."""

    filing = models.ForeignKey(
        FilingForm, verbose_name=_("filing form"), on_delete=models.PROTECT, related_name="stations"
    )
    # Denormalised from the filing so that scoping is a single indexed filter.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="stations"
    )
    row_number = models.PositiveIntegerField(_("row number"), default=1)
    name = models.CharField(_("station name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    head_name = models.CharField(_("station head"), max_length=50)
    head_mobile = models.CharField(_("head's mobile"), max_length=20)
    opening_hours_text = models.CharField(_("opening hours"), max_length=100)
    # [{"days": [0..6], "start": "09:00", "end": "17:00"}], Monday = 0; "24:00" ends the day.
    opening_hours = models.JSONField(_("opening hours (structured)"), default=list, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=1)
    services = models.JSONField(_("service items"), default=list)
    services_other = models.CharField(_("other services"), max_length=200, blank=True)
    planned_completion = models.DateField(_("planned completion"))

    district = models.CharField(_("district"), max_length=20, db_index=True)
    carrier_type = models.CharField(
        _("carrier type"), max_length=20, choices=CarrierType.choices, default=CarrierType.OTHER
    )
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stations",
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.ALL
    )
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    step_free = models.BooleanField(_("step-free entry"), default=False)
    toilet_open = models.BooleanField(_("toilet open to workers"), default=False)
    open_24h = models.BooleanField(_("open 24 hours"), default=False)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=StationStatus.choices,
        default=StationStatus.DRAFT,
        db_index=True,
    )
    status_reason = models.TextField(_("reason"), blank=True)
    plaque_number = models.CharField(_("plaque number"), max_length=20, blank=True, db_index=True)
    plaque_seq = models.PositiveIntegerField(_("plaque sequence"), null=True, blank=True)
    plaque_recalled = models.BooleanField(_("plaque recalled"), default=False)
    plaque_issue_count = models.PositiveSmallIntegerField(_("plaques issued"), default=0)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["filing_id", "row_number", "id"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        constraints = [
            models.UniqueConstraint(
                fields=["plaque_number"],
                condition=~models.Q(plaque_number=""),
                name="station_plaque_number_unique",
            ),
            models.UniqueConstraint(fields=["plaque_seq"], name="station_plaque_seq_unique"),
        ]
        indexes = [models.Index(fields=["name", "address"], name="station_name_address")]

    def __str__(self) -> str:
        return self.name

    def get_staff_url(self) -> str:
        from django.urls import reverse

        return reverse("stations:staff_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def head_mobile_masked(self) -> str:
        """Public pages show 138****5678, never the full number (DESIGN invariant)."""
        digits = "".join(ch for ch in self.head_mobile if ch.isdigit())
        if len(digits) < 7:
            return "****"
        return f"{digits[:3]}****{digits[-4:]}"

    def allowed_transitions(self, user) -> list[str]:
        role = role_of(user)
        return [
            to for (frm, to), roles in TRANSITIONS.items() if frm == self.status and role in roles
        ]


class StationTransition(models.Model):
    """Append-only history: who moved a station, when, from what, to what, and why."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        UPGRADE = "upgrade", _("Upgrade to full station")
        PLAQUE_REISSUE = "plaque_reissue", _("Plaque reissued")
        EDIT = "edit", _("Edited")

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="transitions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STATUS)
    from_status = models.CharField(_("from"), max_length=16, choices=StationStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=StationStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("station history entry")
        verbose_name_plural = _("station history")

    def __str__(self) -> str:
        return f"{self.station_id}: {self.from_status} -> {self.to_status}"


class PlaqueSequence(models.Model):
    """The single city-wide counter behind plaque numbers.

    Approval locks this row with SELECT ... FOR UPDATE and increments it in the same
    transaction that stores the number on the station, so numbers are unique and gap-free:
    a rolled-back approval rolls its increment back too.
    """

    key = models.CharField(max_length=20, unique=True, default="plaque")
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plaque sequence")
        verbose_name_plural = _("plaque sequences")

    def __str__(self) -> str:
        return f"{self.key}={self.last_value}"
