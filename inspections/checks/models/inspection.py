"""A check of one station: who, when, where from, on which checklist version, with what
findings and photos. The score is computed from the findings (services/scoring.py), never
typed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.actions import NEW, Action, table
from unions.models import Union
from unions.roles import AID, INSPECTOR, UNION
from unions.scopes import ScopedQuerySet

from .checklist import Checklist, ChecklistItem


class InspectionKind(models.TextChoices):
    FLYING = "flying", _("Flying inspection (飞行检查)")
    UNDERCOVER = "undercover", _("Undercover visit (明察暗访)")
    SELF_CHECK = "self_check", _("Self-check (自查自评)")
    PEER_REVIEW = "peer_review", _("Peer review (互访互评)")
    ACCEPTANCE = "acceptance", _("Acceptance (验收)")


# The supervision team's checks (服务质量监督队: 飞行检查、明察暗访, 沪工总基〔2018〕35号
# 四、(四); 附件2 第7条), a re-inspection of an order being one of them by an inspector: the
# only checks that make a station's quarterly score and its public check result; a red
# line in one opens a rectification order, and only one of them re-inspects a station to
# close an order. Acceptance checks belong to approval, not to a quarter.
INDEPENDENT_KINDS = (
    InspectionKind.FLYING,
    InspectionKind.UNDERCOVER,
)
# The unions' own evaluation (自查自评、互访互评, 五、(三); 附件2 第6条: 发现问题及时指导整改):
# shown to the union and the aid center beside the quarterly score, never in it and never
# public; a red line in one is a finding for the union to follow up, never an order.
OWN_EVALUATION_KINDS = (
    InspectionKind.SELF_CHECK,
    InspectionKind.PEER_REVIEW,
)


KIND_LABELS = dict(InspectionKind.choices)


class InspectionStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    # A voided check stays on file (history) but counts for nothing.
    VOIDED = "voided", _("Voided")


I = InspectionStatus  # noqa: E741
INSPECTION_BADGES = {I.RECORDED: "light", I.VOIDED: "secondary"}

# The moves of a check. Which kinds each role logs, and where, is the rule of
# inspections/permissions.py (KINDS_BY_ROLE), which the recording service applies beside
# this row; the station's scope is that rule's, not the station list's (a peer review is of
# another union's station).
INSPECTION_ACTIONS = table(
    Action("record", (NEW,), I.RECORDED, INSPECTOR | UNION, _("Log a check"), button=False),
    # An upheld appeal voids the check (inspections.orders.services.appeals), or amends its score.
    Action(
        "void",
        (I.RECORDED,),
        I.VOIDED,
        AID,
        _("Void the check"),
        needs_reason=True,
        button=False,
    ),
    Action(
        "amend",
        (I.RECORDED,),
        None,
        AID,
        _("Amend the score"),
        needs_reason=True,
        button=False,
    ),
)
del I


class PositionReview(models.TextChoices):
    """Where the phone was when the check was saved, as the aid center sees it: a check made
    farther than CHECK_DISTANCE_LIMIT_M from the station is flagged, and counts as the
    station's planned visit only once the aid center accepts it (services/position.py)."""

    NEAR = "near", _("Near the station, or no position given")
    FAR = "far", _("Far from the station: waiting for the aid center")
    ACCEPTED = "accepted", _("Far from the station: accepted by the aid center")


class Inspection(models.Model):
    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="inspections"
    )
    # Denormalised from the station so that scoping is one indexed filter.
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=InspectionKind.choices)
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visited_at = models.DateTimeField(_("visited at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Sent once per check from the phone, so a check retried after a lost reply is one row.
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True)
    # What the check said when it was sent (services/check_fingerprint.py): the same key
    # sent again with another content is a conflict (409), not a repeat. Empty on checks
    # recorded before it was kept.
    body_hash = models.CharField(_("content fingerprint"), max_length=64, blank=True, default="")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    red_line = models.BooleanField(_("red line failed"), default=False)
    note = models.TextField(_("note"), blank=True)
    # The phone's position when the check was saved, and how far that is from the station.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accuracy_m = models.PositiveIntegerField(_("GPS accuracy (m)"), null=True, blank=True)
    distance_m = models.PositiveIntegerField(_("distance from station (m)"), null=True, blank=True)
    position_review = models.CharField(
        _("position review"),
        max_length=8,
        choices=PositionReview.choices,
        default=PositionReview.NEAR,
    )
    plan_visit = models.ForeignKey(
        "inspections.PlanVisit",
        verbose_name=_("planned visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    peer_pairing = models.ForeignKey(
        "inspections.PeerReviewPairing",
        verbose_name=_("peer review pairing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.RECORDED,
    )
    void_reason = models.TextField(_("why voided"), blank=True)
    # A red line of the union's own evaluation that no later standing check of the station
    # has cleared: kept by inspections/checks/findings.py (findings_refresh) whenever a check
    # is recorded or voided, so that the open findings are read from an index of their own
    # instead of asking every red line of the city about its station's later checks.
    finding_open = models.BooleanField(_("open finding"), default=False, editable=False)

    objects = ScopedQuerySet.as_manager()

    # Read by the {% badge %} tag (unions/templatetags/records.py).
    status_badges = INSPECTION_BADGES

    class Meta:
        ordering = ["-visited_at", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [
            models.Index(fields=["station", "visited_at"], name="inspection_station_visited"),
            models.Index(fields=["visited_at", "kind"], name="inspection_visited_kind"),
            # The check list's order (newest first, then by id) read from the index alone: a
            # deep page skipped 150,000 checks through the table in 335 ms, 30 ms so.
            models.Index(fields=["visited_at", "id"], name="inspection_visited_id"),
            # The check list's "red line only", newest first: one check in a hundred.
            models.Index(
                fields=["visited_at", "id"],
                condition=models.Q(red_line=True),
                name="inspection_red_line_visited",
            ),
            # The open findings, oldest first (the homes' findings card, the check list's
            # "findings" filter): some hundreds among two million checks at national size.
            models.Index(
                fields=["visited_at", "id"],
                condition=models.Q(finding_open=True),
                name="inspection_open_finding",
            ),
            # The checks that made their planned visit (selectors.open_planned_visits): an
            # inspector's open visits are counted against this small index alone, not
            # against each check's row (the inspector's home and today page: issue 26).
            models.Index(
                fields=["plan_visit"],
                condition=models.Q(status="recorded", plan_visit__isnull=False)
                & ~models.Q(position_review="far"),
                name="inspection_made_visit",
            ),
            # The aid center's list of checks made far from their station, newest first.
            models.Index(
                fields=["visited_at", "id"],
                condition=models.Q(position_review="far"),
                name="inspection_far_visited",
            ),
        ]

    def __str__(self) -> str:
        # Named as a person reads it (the home page's cards list checks by it).
        day = timezone.localdate(self.visited_at) if timezone.is_aware(self.visited_at) else ""
        return f"{self.station.name} · {self.get_kind_display()} · {day}"

    def get_kind_display(self) -> str:
        # Django's own made every label of the field hashable, so translated, on each call:
        # 2 ms for the check list's 30 rows shown twice (the table and the phone's cards).
        return str(KIND_LABELS.get(self.kind, self.kind))

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("inspections:check_detail", self.pk)

    @property
    def is_independent(self) -> bool:
        return self.kind in INDEPENDENT_KINDS

    @property
    def is_voided(self) -> bool:
        return self.status == InspectionStatus.VOIDED

    @property
    def is_finding(self) -> bool:
        """A red line of the union's own evaluation: for the union to follow up, no order."""
        return self.red_line and self.kind in OWN_EVALUATION_KINDS

    @property
    def position_waits(self) -> bool:
        """Flagged far from the station and not yet accepted by the aid center."""
        return self.position_review == PositionReview.FAR

    @property
    def position_accepted(self) -> bool:
        return self.position_review == PositionReview.ACCEPTED


class Finding(models.Model):
    """One checklist item as found: met or not, with a note."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="findings"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    met = models.BooleanField(_("met"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["inspection", "item__position", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="finding_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {'✓' if self.met else '✗'}"


def inspection_photo_path(instance: InspectionPhoto, filename: str) -> str:
    return f"inspections/{instance.inspection_id}/{uuid.uuid4().hex}.{instance.extension}"


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="photos"
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="photos",
    )
    image = models.FileField(_("photo"), upload_to=inspection_photo_path)
    # "jpeg" or "png", read from the file's content, never from its name.
    content_type = models.CharField(_("type"), max_length=20)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("checksum"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A JPEG of at most PHOTO_THUMBNAIL_PX beside the original, made once after upload
    # (services/thumbnails.py); pages show it, the original is only downloaded.
    thumbnail = models.FileField(_("thumbnail"), blank=True, max_length=200)

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")

    def __str__(self) -> str:
        return self.image.name

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"
