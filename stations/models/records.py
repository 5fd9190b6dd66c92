"""Records kept on file per station: acceptance (验收), agreement (附件2), pledge (附件3),
public liability insurance (公众责任险)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unions.models import HostUnit, Union
from unions.scopes import ScopedQuerySet

from .station import Station


def record_scan_path(instance, filename: str) -> str:
    return f"private/{instance._meta.model_name}/{instance.union_id}/{filename}"


class Acceptance(models.Model):
    """验收 against the 六有 standard, recorded by the aid center before approval."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="acceptances"
    )
    union = models.ForeignKey(Union, verbose_name=_("union"), on_delete=models.PROTECT)
    checked_on = models.DateField(_("checked on"))
    has_place = models.BooleanField(_("has a place"), default=False)
    has_sign = models.BooleanField(_("has signage"), default=False)
    has_staff = models.BooleanField(_("has staff"), default=False)
    has_service = models.BooleanField(_("has services"), default=False)
    has_facilities = models.BooleanField(_("has facilities"), default=False)
    has_support = models.BooleanField(_("has support"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")

    def __str__(self) -> str:
        return f"{self.station} {self.checked_on}"

    @property
    def passed(self) -> bool:
        return all(
            (
                self.has_place,
                self.has_sign,
                self.has_staff,
                self.has_service,
                self.has_facilities,
                self.has_support,
            )
        )


class Agreement(models.Model):
    """共建协议 (附件2): Party A is the host unit, Party B the programme's owners."""

    union = models.ForeignKey(Union, verbose_name=_("union"), on_delete=models.PROTECT)
    host_unit = models.ForeignKey(
        HostUnit, verbose_name=_("Party A"), on_delete=models.PROTECT, related_name="agreements"
    )
    party_b = models.CharField(_("Party B"), max_length=200)
    stations = models.ManyToManyField(
        Station, verbose_name=_("stations"), related_name="agreements"
    )
    signatory_a = models.CharField(_("Party A signatory"), max_length=50)
    signatory_b = models.CharField(_("Party B signatory"), max_length=100, blank=True)
    signed_on = models.DateField(_("signing date"))
    scan = models.FileField(_("scanned copy"), upload_to=record_scan_path, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("co-building agreement")
        verbose_name_plural = _("co-building agreements")

    def __str__(self) -> str:
        return f"{self.host_unit} {self.signed_on}"


class PledgeQuerySet(ScopedQuerySet):
    def overdue(self, today: dt.date | None = None) -> PledgeQuerySet:
        """Signed pledges not received by their hand-in date."""
        return self.filter(received_on__isnull=True, due_by__lt=today or timezone.localdate())


class Pledge(models.Model):
    """服务承诺书 (附件3), one per station, carrying its plaque number (站点编号)."""

    station = models.OneToOneField(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="pledge"
    )
    union = models.ForeignKey(Union, verbose_name=_("union"), on_delete=models.PROTECT)
    pledging_unit = models.CharField(_("pledging unit"), max_length=200)
    service_hours = models.CharField(_("service hours"), max_length=100)
    head_name = models.CharField(_("station head"), max_length=50)
    pledged_on = models.DateField(_("date"), null=True, blank=True)
    due_by = models.DateField(_("hand in by"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    scan = models.FileField(_("scanned copy"), upload_to=record_scan_path, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("service pledge")
        verbose_name_plural = _("service pledges")
        indexes = [
            # Overdue pledges (PledgeQuerySet.overdue) are the few not yet received: a
            # partial index holds only those, in deadline order.
            models.Index(
                fields=["due_by"],
                condition=models.Q(received_on__isnull=True),
                name="pledge_awaited_due_by",
            )
        ]

    def __str__(self) -> str:
        return f"{self.station.plaque_number} {self.station} · {self.due_by:%Y-%m-%d}"

    def get_staff_url(self) -> str:
        from unions.links import path_of

        return path_of("stations:staff_detail", self.station_id)

    @property
    def on_file(self) -> bool:
        return self.received_on is not None

    @staticmethod
    def due_after(approved_on: dt.date) -> dt.date:
        """The signed pledge is handed in PLEDGE_DUE_DAYS after approval (附件3 备注)."""
        return approved_on + dt.timedelta(days=settings.PLEDGE_DUE_DAYS)

    @classmethod
    def due_for(cls, station: Station) -> dt.date:
        """The station's deadline: its pledge's own, else counted from its approval."""
        pledge = getattr(station, "pledge", None) if station.pk else None
        if pledge is not None:
            return pledge.due_by
        approved = timezone.localdate(station.approved_at) if station.approved_at else None
        return cls.due_after(approved or timezone.localdate())


class InsurancePolicy(models.Model):
    """公众责任险 (营业场所责任险) covering one station or all of a host unit's stations."""

    union = models.ForeignKey(Union, verbose_name=_("union"), on_delete=models.PROTECT)
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
    )
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
    )
    policy_number = models.CharField(_("policy number"), max_length=60)
    insurer = models.CharField(_("insurer"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["ends_on"]
        verbose_name = _("liability insurance policy")
        verbose_name_plural = _("liability insurance policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(station__isnull=False) | models.Q(host_unit__isnull=False),
                name="policy_covers_station_or_host_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="policy_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        covered = self.station or self.host_unit
        return f"{covered} · {self.insurer} {self.policy_number} · {self.ends_on:%Y-%m-%d}"

    def get_staff_url(self) -> str | None:
        from unions.links import path_of

        if self.station_id:
            return path_of("stations:staff_detail", self.station_id)
        return None
