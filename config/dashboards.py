"""Each role's pending work, shown on its home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspections.check_selectors import open_planned_visits
from inspections.models import Appeal, AppealStatus, Rectification, RectificationStatus
from stations.models import FilingForm, InsurancePolicy, Pledge, Station, StationStatus
from unions.models import Role, SecurityEvent
from unions.roles import role_of


@dataclass
class WorkItem:
    title: str
    items: QuerySet
    count: int
    url_name: str = ""


def _item(title, qs, url_name="") -> WorkItem:
    return WorkItem(title=title, items=qs[:10], count=qs.count(), url_name=url_name)


def _insurance_ending(user) -> WorkItem:
    """Policies still in force that end within INSURANCE_WARNING_DAYS."""
    today = timezone.localdate()
    until = today + dt.timedelta(days=settings.INSURANCE_WARNING_DAYS)
    policies = (
        InsurancePolicy.objects.visible_to(user)
        .filter(starts_on__lte=today, ends_on__gte=today, ends_on__lte=until)
        .select_related("station", "host_unit", "union")
        .order_by("ends_on")
    )
    return _item(_("Liability insurance ending soon"), policies)


def _pledges_overdue(user) -> WorkItem:
    """Approved stations whose signed pledge (附件3) is past its hand-in deadline."""
    pledges = (
        Pledge.objects.visible_to(user)
        .overdue()
        .select_related("station", "union")
        .order_by("due_by")
    )
    return _item(_("Service pledges past their deadline"), pledges)


def _orders(user, *statuses: str) -> QuerySet:
    return (
        Rectification.objects.visible_to(user)
        .filter(status__in=statuses)
        .select_related("station", "union")
        .order_by("deadline", "pk")
    )


def pending_work(user) -> list[WorkItem]:
    role = role_of(user)
    stations = Station.objects.visible_to(user).select_related("union")
    if role == Role.UNION_STAFF:
        return [
            _item(
                _("Filing forms in draft"),
                FilingForm.objects.visible_to(user)
                .filter(status=FilingForm.Status.DRAFT)
                .select_related("union"),
                "stations:filing_list",
            ),
            _item(
                _("Stations returned for changes"),
                stations.filter(status=StationStatus.RETURNED),
                "stations:registry",
            ),
            _item(
                _("Stations awaiting review"),
                stations.filter(status=StationStatus.SUBMITTED),
                "stations:registry",
            ),
            _item(
                _("Approved stations awaiting agreement or pledge"),
                stations.filter(status=StationStatus.APPROVED),
                "stations:registry",
            ),
            _item(_("Plaques delivered but not yet hung"), stations.plaque_not_hung()),
            _pledges_overdue(user),
            _insurance_ending(user),
            _item(
                _("Rectification orders to answer"),
                _orders(user, RectificationStatus.OPEN),
                "inspections:order_list",
            ),
        ]
    if role == Role.AID_CENTER:
        return [
            _item(
                _("Stations awaiting review"),
                stations.filter(status=StationStatus.SUBMITTED),
                "stations:review_queue",
            ),
            _item(
                _("Approved stations awaiting agreement or pledge"),
                stations.filter(status=StationStatus.APPROVED),
                "stations:registry",
            ),
            _item(
                _("Stations under rectification"),
                stations.filter(status=StationStatus.RECTIFYING),
                "stations:registry",
            ),
            # 附件1 备注1: two signed paper copies come to the aid center.
            _item(
                _("Submitted filing forms whose paper copies have not arrived"),
                FilingForm.objects.visible_to(user)
                .filter(status=FilingForm.Status.SUBMITTED, paper_received_on__isnull=True)
                .select_related("union"),
                "stations:filing_list",
            ),
            _item(_("Plaques not yet delivered"), stations.plaque_not_delivered()),
            _pledges_overdue(user),
            _insurance_ending(user),
            _item(
                _("Appeals to decide"),
                Appeal.objects.visible_to(user)
                .filter(status=AppealStatus.OPEN)
                .select_related("inspection__station", "union")
                .order_by("created_at", "pk"),
                "inspections:appeal_list",
            ),
            _item(
                _("Escalated rectification orders"),
                _orders(user, RectificationStatus.ESCALATED),
                "inspections:order_list",
            ),
        ]
    if role == Role.INSPECTOR:
        return [
            _item(
                _("Planned visits not yet made this quarter"),
                open_planned_visits(user),
                "inspections:today",
            ),
            _item(
                _("Answered orders awaiting re-inspection"),
                _orders(user, RectificationStatus.ANSWERED),
                "inspections:order_list",
            ),
            _item(
                _("Stations under rectification"),
                stations.filter(status=StationStatus.RECTIFYING),
                "stations:registry",
            ),
            _item(
                _("Active stations in your area"),
                stations.filter(status=StationStatus.ACTIVE),
                "stations:registry",
            ),
        ]
    if role == Role.ADMIN:
        return [
            _item(
                _("Recent refused accesses and lockouts"),
                SecurityEvent.objects.filter(
                    kind__in=(SecurityEvent.Kind.REFUSED, SecurityEvent.Kind.LOCKED_OUT)
                ),
            )
        ]
    return []
