"""A union's appeal against a check it believes wrong. While open, the check is flagged in
the quarter's assessment; upheld voids the check, dismissed leaves it standing."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unions.actions import NEW, Action, table
from unions.models import Union
from unions.roles import AID, UNION
from unions.scopes import ScopedQuerySet

from ...checks.models.inspection import Inspection


class AppealStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("appeal status", "Open")
    UPHELD = "upheld", _("Upheld: check voided")
    AMENDED = "amended", _("Upheld in part: score amended")
    DISMISSED = "dismissed", _("Dismissed")


A = AppealStatus
APPEAL_BADGES = {
    A.OPEN: "info",
    A.UPHELD: "secondary",
    A.AMENDED: "secondary",
    A.DISMISSED: "secondary",
}


def appeal_deadline(inspection: Inspection) -> dt.date:
    """The last day the union may appeal: APPEAL_DAYS after the visit."""
    return timezone.localdate(inspection.visited_at) + dt.timedelta(days=settings.APPEAL_DAYS)


# Every move of an appeal, written once: the services check it, the appeal page asks it
# who may decide. The union opens one against a check of its own station (within
# APPEAL_DAYS, services/appeals.py says the rest); the aid center decides, with its reasons.
APPEAL_ACTIONS = table(
    Action(
        "open",
        (NEW,),
        A.OPEN,
        UNION,
        _("Appeal this check"),
        needs_reason=True,
        reason_label=_("Why the check is wrong"),
        button=False,
    ),
    Action(
        "uphold",
        (A.OPEN,),
        A.UPHELD,
        AID,
        _("Upheld: void the check"),
        needs_reason=True,
        reason_label=_("Reasons for the decision"),
    ),
    Action(
        "amend",
        (A.OPEN,),
        A.AMENDED,
        AID,
        _("Upheld in part: amend the score"),
        needs_reason=True,
        reason_label=_("Reasons for the decision"),
    ),
    Action(
        "dismiss",
        (A.OPEN,),
        A.DISMISSED,
        AID,
        _("Dismissed"),
        needs_reason=True,
        reason_label=_("Reasons for the decision"),
    ),
)
# The decisions, in the order the decision form offers them.
APPEAL_DECISIONS = tuple(a for a in APPEAL_ACTIONS.values() if a.sources == (A.OPEN,))
del A


class AppealQuerySet(ScopedQuerySet):
    def with_evidence_count(self) -> AppealQuerySet:
        """Each appeal with ``evidence_count``, its number of evidence files: counted for the
        rows read, not grouped over every appeal the filters match with the columns joined
        to them (a station's 320 appeals and their checks, to show ten: issue 26)."""
        files = (
            AppealEvidence.objects.filter(appeal=models.OuterRef("pk"))
            .order_by()
            .values("appeal")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(evidence_count=Coalesce(models.Subquery(files), 0))


class Appeal(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="appeals"
    )
    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField(_("district"), max_length=20)
    reason = models.TextField(_("why the check is wrong"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)

    objects = AppealQuerySet.as_manager()

    # Read by the {% badge %} tag (unions/templatetags/records.py).
    status_badges = APPEAL_BADGES

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(status=AppealStatus.OPEN),
                name="appeal_one_open_per_inspection",
            )
        ]
        indexes = [
            # The open appeals by age, either way: the aid center's home card (oldest
            # first, ten of them) and the appeal list's open filter (newest first, a page).
            # Without it the three hundred open appeals at national size were each joined
            # to their check and station before the ten were chosen (issue 26).
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(status=AppealStatus.OPEN),
                name="appeal_open_by_age",
            )
        ]

    def __str__(self) -> str:
        return _("Appeal against the check of %(station)s on %(day)s") % {
            "station": self.inspection.station.name,
            "day": timezone.localdate(self.inspection.visited_at),
        }

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("inspections:appeal_detail", self.pk)


# The stored name comes from the type read from the bytes, never from the sender's name.
EVIDENCE_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def appeal_evidence_path(instance: AppealEvidence, filename: str) -> str:
    ext = EVIDENCE_EXTENSIONS[instance.content_type]
    return f"appeals/{instance.appeal_id}/{uuid.uuid4().hex}.{ext}"


class AppealEvidence(models.Model):
    """A photo or PDF the union sends with its appeal (issue 9: reasons and evidence)."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=appeal_evidence_path)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("checksum"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A JPEG of at most PHOTO_THUMBNAIL_PX beside the original, made once after upload
    # (checks/services/thumbnails.py); pages show it, the original is only downloaded.
    thumbnail = models.FileField(_("thumbnail"), blank=True, max_length=200)

    class Meta:
        ordering = ["appeal", "id"]
        verbose_name = _("appeal evidence")
        verbose_name_plural = _("appeal evidence")

    def __str__(self) -> str:
        return self.file.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
