from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from history.models import append_only
from unions.actions import Action, available
from unions.models import CarrierType, HostUnit, Union
from unions.roles import AID, SUPERVISION, UNION
from unions.scopes import ScopedQuerySet

from .choices import Audience, Facility
from .filing import FilingForm
from .operating import OperatingQuerySet


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


# The lifecycle of DESIGN.md, written once. Every action a person can take on a station —
# the statuses it starts from, where it leads, who may take it, whether it needs a reason,
# its label and its confirmation — is one row of ACTIONS. Services check it, views dispatch on
# it, templates render its buttons from it; TRANSITIONS is derived from it.
S = StationStatus

# A numbered plaque that has not been recalled: the station may operate, and agreements,
# pledges, upgrades and reissues apply to it.
HOLDS_PLAQUE = (S.APPROVED, S.ACTIVE, S.RECTIFYING)
# Operating now (stations/models/operating.py): listed publicly, planned, open to feedback.
PUBLIC_STATUSES = (S.ACTIVE, S.RECTIFYING)
# Final: a station that enters one no longer operates, from that moment on.
ENDED_STATUSES = (S.REVOKED, S.CLOSED)
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
# Stations the aid center sent back or turned down: the union's pages show why.
REASONED_STATUSES = (S.RETURNED, S.REJECTED)

# The colour of each status's badge, on every page that shows a station.
STATUS_BADGES = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "info",
    S.RETURNED: "warning",
    S.REJECTED: "dark",
    S.APPROVED: "primary",
    S.ACTIVE: "success",
    S.RECTIFYING: "warning",
    S.REVOKED: "danger",
    S.CLOSED: "dark",
}


# One row of ACTIONS: the shape every action table shares (unions/actions.py).
StationAction = Action


def _is_sanitation_only(station: Station) -> bool:
    return station.audience == Audience.SANITATION


def _has_plaque(station: Station) -> bool:
    return bool(station.plaque_number)


ACTIONS: dict[str, StationAction] = {
    a.name: a
    for a in (
        StationAction(
            "submit",
            EDITABLE_STATUSES,
            S.SUBMITTED,
            UNION,
            _("Submit to the aid center"),
            confirm=_("Submit to the aid center for review?"),
            button=False,
        ),
        StationAction(
            "approve",
            (S.SUBMITTED,),
            S.APPROVED,
            AID,
            _("Approve"),
            confirm=_("Approve this station and issue the next plaque number?"),
            style="success",
        ),
        StationAction(
            "return",
            (S.SUBMITTED,),
            S.RETURNED,
            AID,
            _("Return for changes"),
            needs_reason=True,
            reason_label=_("What the union must change"),
            style="warning",
        ),
        StationAction(
            "reject",
            (S.SUBMITTED,),
            S.REJECTED,
            AID,
            _("Reject (final)"),
            needs_reason=True,
            reason_label=_("Why the station is rejected"),
            confirm=_("Reject this station for good? The union cannot resubmit it."),
            style="danger",
        ),
        StationAction(
            "activate",
            (S.APPROVED,),
            S.ACTIVE,
            AID,
            _("Activate"),
            button=False,
        ),
        StationAction(
            "rectify_start",
            (S.ACTIVE,),
            S.RECTIFYING,
            SUPERVISION,
            _("Order rectification"),
            needs_reason=True,
            reason_label=_("What must be rectified"),
            style="warning",
            # Rectification is a move its orders make (inspections: rectification_open and
            # the close of a station's last order): a bare button beside them would start or
            # end it with no order on file.
            button=False,
        ),
        StationAction(
            "rectify_end",
            (S.RECTIFYING,),
            S.ACTIVE,
            SUPERVISION,
            _("Rectified: back to active"),
            button=False,
        ),
        StationAction(
            "revoke",
            HOLDS_PLAQUE,
            S.REVOKED,
            AID,
            _("Revoke and recall plaque"),
            needs_reason=True,
            reason_label=_("Why the station is revoked"),
            confirm=_("Revoke this station and recall its plaque? The number is never reused."),
            style="danger",
        ),
        StationAction(
            "close",
            (S.ACTIVE, S.RECTIFYING),
            S.CLOSED,
            AID,
            _("Close (host unit withdraws)"),
            needs_reason=True,
            reason_label=_("Why the host unit withdraws"),
            confirm=_("Close this station and recall its plaque?"),
            style="danger",
        ),
        StationAction(
            "upgrade",
            HOLDS_PLAQUE,
            None,
            AID,
            _("Upgrade to a full station"),
            needs_reason=True,
            reason_label=_("Why the station opens to all outdoor workers"),
            applies=_is_sanitation_only,
        ),
        StationAction(
            "plaque_reissue",
            HOLDS_PLAQUE,
            None,
            AID,
            _("Reissue plaque (same number)"),
            needs_reason=True,
            reason_label=_("Why the plaque is replaced"),
            applies=_has_plaque,
        ),
    )
}

TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (frm, a.target): a.roles for a in ACTIONS.values() if a.target for frm in a.sources
}
assert len(TRANSITIONS) == sum(len(a.sources) for a in ACTIONS.values() if a.target), (
    "two actions share a move"
)
del S


# Since when a submitted station waits for review: its last sending
# (services.lifecycle.station_submit stores it; migrations 0023 and 0034 filled the rows sent
# before), or its creation for one made submitted without it (a fixture). The review queue
# orders by it (selectors.review_queue) and its index holds it (station_review_queue).
WAITING_SINCE = Coalesce("sent_for_review_at", "created_at")


class StationQuerySet(OperatingQuerySet):
    operating_statuses = PUBLIC_STATUSES
    ended_statuses = ENDED_STATUSES

    def public(self) -> StationQuerySet:
        """What the public lists (directory, map, open data): the stations operating now."""
        return self.operating_now()

    def with_plaque(self) -> StationQuerySet:
        return self.exclude(plaque_number="")

    def plaque_not_delivered(self) -> StationQuerySet:
        """Numbered plaques still at the aid center."""
        return self.filter(
            status__in=HOLDS_PLAQUE, plaque_recalled=False, plaque_delivered_on__isnull=True
        )

    def plaque_not_hung(self) -> StationQuerySet:
        """Plaques delivered but not yet hanging outside the station (挂牌)."""
        return self.filter(
            status__in=HOLDS_PLAQUE,
            plaque_recalled=False,
            plaque_delivered_on__isnull=False,
            plaque_hung_on__isnull=True,
        )


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
    # The plaque's way from the aid center to the wall (挂牌): delivered, then hung outside.
    plaque_delivered_on = models.DateField(_("plaque delivered on"), null=True, blank=True)
    plaque_hung_on = models.DateField(_("plaque hung on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When the station's details were last confirmed true: its acceptance on activation, the
    # supervision team's last check, or its union's confirmation (stations/freshness.py).
    confirmed_on = models.DateField(_("details confirmed on"), null=True, blank=True)
    # Workers reported it closed during its posted hours twice within FLAG_WINDOW_DAYS: the
    # listing is doubtful until its union confirms it or the team checks it.
    reported_closed_on = models.DateField(_("reported closed on"), null=True, blank=True)
    # stations/freshness.py's doubt, kept: the directory lists doubtful listings after the
    # confirmed ones by its index, so the doubt is a column (refreshed daily and whenever a
    # confirmation, a check or a report moves it), not a date sum on every row.
    listing_doubtful = models.BooleanField(_("details to be verified"), default=False)
    # The hours kept while a heat or cold alert runs (清凉模式 / 暖心模式), recorded by the
    # union: {"heat": [{"level": 3, "open_24h": false, "text": "…", "slots": […]}], "cold": …},
    # each from the lowest alert level it applies at (stations/alert_hours.py).
    alert_hours = models.JSONField(_("alert-mode hours"), default=dict, blank=True)
    # The lowest level at which the station keeps alert hours of each kind, kept beside them
    # so that the directory's "in alert mode" filter is one indexed comparison.
    heat_mode_from = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    cold_mode_from = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # When the station was last sent for review (stations.services.lifecycle.station_submit):
    # the review queue's order and its waiting time. Stored, not read from the history for
    # each row, so that the queue's deep pages are read by key (issue 26: the history's
    # subquery for every waiting station cost 155 ms a page).
    sent_for_review_at = models.DateTimeField(
        _("sent for review"), null=True, blank=True, editable=False
    )

    objects = StationQuerySet.as_manager()

    # Read by the badge tags (stations_tags.status_badge, unions/templatetags/records.py).
    status_badges = STATUS_BADGES

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
        indexes = [
            models.Index(fields=["name", "address"], name="station_name_address"),
            # The work lists (config/dashboards.py) filter by status and take the first rows
            # in filing order: without this the planner walks the filing index and discards
            # every station of another status (~190,000 at national size).
            models.Index(
                fields=["status", "filing", "row_number", "id"], name="station_status_filing"
            ),
            # The same for a union's staff, whose lists are their union's: counted from this
            # index alone and read in its order (a union's 8,000 stations were otherwise
            # matched against each status's, 0.3-0.7 ms a card at national size).
            models.Index(
                fields=["union", "status", "filing", "row_number", "id"],
                name="station_union_status",
            ),
            models.Index(
                fields=["filing", "row_number", "id"],
                condition=models.Q(
                    status__in=HOLDS_PLAQUE,
                    plaque_recalled=False,
                    plaque_delivered_on__isnull=True,
                ),
                name="station_plaque_to_deliver",
            ),
            models.Index(
                fields=["filing", "row_number", "id"],
                condition=models.Q(
                    status__in=HOLDS_PLAQUE,
                    plaque_recalled=False,
                    plaque_delivered_on__isnull=False,
                    plaque_hung_on__isnull=True,
                ),
                name="station_plaque_to_hang",
            ),
            # The review queue in waiting order (stations.selectors.review_queue): a page of
            # the submitted stations read in order, not the 2,000 sorted on every visit.
            models.Index(
                WAITING_SINCE,
                "filing_id",
                "row_number",
                "id",
                condition=models.Q(status="submitted"),
                name="station_review_queue",
            ),
            # The registry's order; a deep page skips over this narrow index, not over rows.
            models.Index(fields=["plaque_seq", "id"], name="station_registry_order"),
            # The directory's "in alert mode" filter, in its own order, among the few
            # stations that keep 清凉模式 or 暖心模式 hours.
            *(
                models.Index(
                    fields=["listing_doubtful", "district", "plaque_number", "id"],
                    condition=models.Q(
                        status__in=PUBLIC_STATUSES, **{f"{kind}_mode_from__isnull": False}
                    ),
                    name=f"station_{kind}_mode",
                )
                for kind in ("heat", "cold")
            ),
            # The registry's cached counts are keyed by the last change (views/registry.py).
            models.Index(fields=["updated_at"], name="station_last_change"),
            # A union's stations due for confirmation (stations/freshness.py), a page in id
            # order from this index alone: by (union, confirmed_on) the list walked the whole
            # registry in id order to find a union's first 50 (3.5 ms at national size).
            models.Index(
                fields=["union", "id", "confirmed_on", "reported_closed_on"],
                name="station_listings_due",
                condition=models.Q(status__in=PUBLIC_STATUSES),
            ),
            # The public directory (stations/directory.py) reads a page of its order from
            # this index alone, however deep, and "near me" a small box of the next one.
            # Partial: only public stations are ever listed there.
            # Doubtful listings (stations/freshness.py) after the confirmed ones.
            models.Index(
                fields=["listing_doubtful", "district", "plaque_number", "id"],
                condition=models.Q(status__in=PUBLIC_STATUSES),
                name="station_directory_order",
            ),
            # A district's page: the district first, so its equality leaves the same order.
            models.Index(
                fields=["district", "listing_doubtful", "plaque_number", "id"],
                condition=models.Q(status__in=PUBLIC_STATUSES),
                name="station_directory_district",
            ),
            models.Index(
                fields=["latitude", "longitude"],
                condition=models.Q(status__in=PUBLIC_STATUSES),
                name="station_directory_position",
            ),
            # The check form's "near me" (inspections.checks.selectors.nearest): a box around
            # the phone among the stations that hold a plaque, approved ones included, its
            # nearest ids sorted from the index alone.
            models.Index(
                fields=["latitude", "longitude", "id"],
                condition=models.Q(status__in=HOLDS_PLAQUE),
                name="station_plaque_position",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("stations:staff_detail", self.pk)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_returned(self) -> bool:
        return self.status == StationStatus.RETURNED

    @property
    def is_submitted(self) -> bool:
        return self.status == StationStatus.SUBMITTED

    @property
    def is_rectifying(self) -> bool:
        return self.status == StationStatus.RECTIFYING

    @property
    def shows_reason(self) -> bool:
        """Returned or rejected: the union reads why beside the status."""
        return self.status in REASONED_STATUSES

    @property
    def is_sanitation_only(self) -> bool:
        return self.audience == Audience.SANITATION

    @property
    def offers_toilet(self) -> bool:
        """toilet_open, or the facility code stations were once filed with (FORM_FACILITIES)."""
        return self.toilet_open or Facility.OPEN_TOILET in (self.facilities or [])

    def head_mobile_masked(self) -> str:
        """Public pages show 138****5678, never the full number (DESIGN invariant)."""
        digits = "".join(ch for ch in self.head_mobile if ch.isdigit())
        if len(digits) < 7:
            return "****"
        return f"{digits[:3]}****{digits[-4:]}"

    @property
    def holds_plaque(self) -> bool:
        return self.status in HOLDS_PLAQUE and not self.plaque_recalled

    def available_actions(self, user) -> list[StationAction]:
        """The buttons this user sees on this station, read from the one ACTIONS table."""
        return available(ACTIONS.values(), self, user)


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

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        triggers = [append_only("stationtransition_append_only")]
        verbose_name = _("station history entry")
        verbose_name_plural = _("station history")

    def __str__(self) -> str:
        return f"{self.station_id}: {self.from_status} -> {self.to_status}"

    @property
    def is_status_change(self) -> bool:
        return self.kind == self.Kind.STATUS


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
