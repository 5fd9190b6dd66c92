"""What each of the stations app's documents shows, taken from its record.

A snapshot is plain JSON (documents.snapshots): the worker renders from it alone, so a
document is exactly what was requested even if the record changes while the task waits in
the queue. The kinds these builders serve are registered in kinds.py.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.snapshots import DocumentUnavailable, Snapshot, day
from documents.snapshots import snapshot as _snapshot

from ..models import HOLDS_PLAQUE, Agreement, FilingForm, Pledge, Station
from .codes import Kind

__all__ = ["DocumentUnavailable", "Snapshot", "day"]


# --- 附件3 服务承诺书 and the plaque ------------------------------------------------------


def _pledge_of(station: Station) -> Pledge | None:
    try:
        return station.pledge
    except Pledge.DoesNotExist:
        return None


def _require_number(station: Station) -> None:
    if not station.plaque_number:
        raise DocumentUnavailable(
            _("The station has no plaque number yet (it is given at approval).")
        )


def pledge_snapshot(station: Station) -> Snapshot:
    _require_number(station)
    if station.plaque_recalled or station.status not in HOLDS_PLAQUE:
        # A revoked or closed station pledges nothing any more.
        raise DocumentUnavailable(_("A pledge is printed only for an approved, operating station."))
    pledge = _pledge_of(station)
    host = station.host_unit.name if station.host_unit_id else ""
    payload = {
        "plaque_number": station.plaque_number,
        "station_name": station.name,
        "pledging_unit": (pledge.pledging_unit if pledge else "") or host,
        "service_hours": (pledge.service_hours if pledge else "") or station.opening_hours_text,
        # The date line is left blank: the pledge is printed to be signed and dated by hand,
        # so recording the signed copy (its date, its arrival) changes no printed word and
        # the copy already printed stays the current version.
        "due_by": day(Pledge.due_for(station)),
        "hotline": settings.HOTLINE,
    }
    return _snapshot(
        Kind.PLEDGE,
        record_key=f"station:{station.pk}",
        title=station.plaque_number,
        union_id=station.union_id,
        payload=payload,
        district=station.district,
    )


def public_url(plaque_number: str) -> str:
    """The station's public page, the plaque's QR target (a stable URL, DESIGN.md)."""
    return f"{settings.PUBLIC_BASE_URL}/stations/{plaque_number}/"


def plaque_snapshot(station: Station) -> Snapshot:
    _require_number(station)
    if station.plaque_recalled or station.status not in HOLDS_PLAQUE:
        raise DocumentUnavailable(_("A plaque is printed only for an approved, operating station."))
    payload = {
        "plaque_number": station.plaque_number,
        # 环卫工人爱心接力站 until upgraded (source document, section 二).
        "sanitation_only": station.is_sanitation_only,
        "url": public_url(station.plaque_number),
        "hotline": settings.HOTLINE,
        "hotline_name": settings.HOTLINE_NAME,
        "issuers": list(settings.PARTY_B_NAMES),
    }
    return _snapshot(
        Kind.PLAQUE,
        record_key=f"station:{station.pk}",
        title=station.plaque_number,
        union_id=station.union_id,
        payload=payload,
        district=station.district,
    )


# --- 附件1 备案表 ------------------------------------------------------------------------


# What 附件1 prints of each station (and the filing it is read through): the other columns,
# four of them JSON, are not read (issue 26: the filing's page builds this to show whether
# its document is current).
FILING_FORM_FIELDS = (
    "filing_id",
    "row_number",
    "name",
    "address",
    "head_name",
    "head_mobile",
    "opening_hours_text",
    "area_m2",
    "services",
    "services_other",
    "planned_completion",
)


def filing_form_snapshot(filing: FilingForm) -> Snapshot:
    stations = [
        {
            "row": s.row_number,
            "name": s.name,
            "address": s.address,
            "head_name": s.head_name,
            "head_mobile": s.head_mobile,
            "opening_hours": s.opening_hours_text,
            "area_m2": format(s.area_m2.normalize(), "f") if s.area_m2 is not None else "",
            "services": list(s.services or []),
            "services_other": s.services_other,
            "planned_completion": day(s.planned_completion),
        }
        for s in filing.stations.order_by("row_number", "id").only(*FILING_FORM_FIELDS)
    ]
    payload = {
        "unit_name": filing.unit_name,
        "head_name": filing.head_name,
        "head_email": filing.head_email,
        "head_phone": filing.head_phone,
        "submitted_on": day(timezone.localdate(filing.submitted_at))
        if filing.submitted_at
        else None,
        "stations": stations,
    }
    return _snapshot(
        Kind.FILING_FORM,
        record_key=f"filing:{filing.pk}",
        title=filing.unit_name,
        union_id=filing.union_id,
        payload=payload,
    )


# --- 附件2 共创协议书 --------------------------------------------------------------------


def agreement_snapshot(agreement: Agreement) -> Snapshot:
    stations = list(agreement.stations.order_by("plaque_seq", "id"))
    payload = {
        "party_a": agreement.host_unit.name,
        "party_b": "、".join(settings.PARTY_B_NAMES),
        "party_b_names": list(settings.PARTY_B_NAMES),
        "station_count": len(stations),
        "stations": [
            {"plaque_number": s.plaque_number, "name": s.name, "address": s.address}
            for s in stations
        ],
        "signatory_a": agreement.signatory_a,
        "signatory_b": agreement.signatory_b,
        "signed_on": day(agreement.signed_on),
    }
    return _snapshot(
        Kind.AGREEMENT,
        record_key=f"agreement:{agreement.pk}",
        title=agreement.host_unit.name,
        union_id=agreement.union_id,
        payload=payload,
    )


# --- A filing's pledges and plaques in one zip ---------------------------------------------


# What a pledge and a plaque print of a station, its host unit and its pledge (pledge_snapshot,
# plaque_snapshot, Pledge.due_for), and the filing it is read through.
BATCH_FIELDS = (
    "filing_id",
    "union_id",
    "district",
    "name",
    "status",
    "audience",
    "opening_hours_text",
    "approved_at",
    "plaque_number",
    "plaque_recalled",
    "host_unit__name",
    "pledge__pledging_unit",
    "pledge__service_hours",
    "pledge__due_by",
)


def batch_members(filing: FilingForm) -> list[Snapshot]:
    """The pledge and the plaque of every numbered, operating station of the filing."""
    stations = (
        filing.stations.filter(status__in=HOLDS_PLAQUE, plaque_recalled=False)
        .exclude(plaque_number="")
        .select_related("host_unit", "pledge")
        .only(*BATCH_FIELDS)
        .order_by("plaque_seq", "id")
    )
    members: list[Snapshot] = []
    for station in stations:
        members.append(pledge_snapshot(station))
        members.append(plaque_snapshot(station))
    return members


def batch_snapshot(filing: FilingForm) -> Snapshot:
    members = batch_members(filing)
    if not members:
        raise DocumentUnavailable(_("This filing has no approved stations with a plaque number."))
    return _snapshot(
        Kind.BATCH_ZIP,
        record_key=f"filing:{filing.pk}",
        title=filing.unit_name,
        union_id=filing.union_id,
        payload={"unit_name": filing.unit_name},
        members=members,
    )
