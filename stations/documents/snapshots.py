"""What each document shows, taken from its record, and the version that names it.

A snapshot is plain JSON: the worker renders from it alone, so a document is exactly what was
requested even if the record changes while the task waits in the queue. Its version hashes the
snapshot together with the templates that draw it: a new wording is a new version too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    HOLDS_PLAQUE,
    Agreement,
    FilingForm,
    GeneratedDocument,
    Pledge,
    Station,
)

Kind = GeneratedDocument.Kind

# Bump when the code that turns a snapshot into a document changes in a way the templates
# do not show (QR options, page set-up in render.py): every version changes with it.
RENDER_REVISION = 1

# Stations whose plaque hangs on a wall: only these get plaque artwork and a pledge to sign.

TEMPLATES: dict[str, str] = {
    Kind.FILING_FORM: "documents/filing_form.html",
    Kind.AGREEMENT: "documents/agreement.html",
    Kind.PLEDGE: "documents/pledge.html",
    Kind.PLAQUE: "documents/plaque.html",
    Kind.REPORT: "documents/report.html",
}


class DocumentUnavailable(ValidationError):
    """This kind of document cannot be made from this record in its current state."""


@dataclass(frozen=True)
class ReportSpec:
    """A report for the shared report layout (templates/documents/report.html).

    ``key`` names the report ("quarterly-2024-q1-huangpu"); ``template`` extends
    documents/report.html; ``context`` must be JSON (it is stored as the snapshot). Only
    templates in templates/documents/ count in the version: a report template kept
    elsewhere should put its own revision into ``context``.
    """

    key: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    union_id: int | None = None
    template: str = "documents/report.html"


@dataclass(frozen=True)
class Snapshot:
    kind: str
    record_key: str
    title: str
    union_id: int | None
    payload: dict[str, Any]
    links: dict[str, Any]
    version: str


def day(value: dt.date | None) -> dict[str, int] | None:
    """Dates as 年/月/日 parts, so the templates print them the way the forms do."""
    if value is None:
        return None
    return {"y": value.year, "m": value.month, "d": value.day}


@lru_cache(maxsize=1)
def templates_fingerprint() -> str:
    """Hash of every PDF template and the print stylesheet (not the web panel)."""
    folder = Path(settings.BASE_DIR) / "templates" / "documents"
    digest = hashlib.sha256(str(RENDER_REVISION).encode())
    for path in sorted(folder.glob("*")):
        if path.is_file() and not path.name.startswith("_panel"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def version_of(kind: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"kind": kind, "payload": payload, "templates": templates_fingerprint()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def _snapshot(kind, *, record_key, title, union_id, payload, links) -> Snapshot:
    return Snapshot(
        kind=kind,
        record_key=record_key,
        title=title,
        union_id=union_id,
        payload=payload,
        links=links,
        version=version_of(kind, payload),
    )


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
    pledge = _pledge_of(station)
    host = station.host_unit.name if station.host_unit_id else ""
    payload = {
        "plaque_number": station.plaque_number,
        "station_name": station.name,
        "pledging_unit": (pledge.pledging_unit if pledge else "") or host,
        "service_hours": (pledge.service_hours if pledge else "") or station.opening_hours_text,
        "pledged_on": day(pledge.pledged_on) if pledge else None,
        "due_by": day(Pledge.due_for(station)),
        "hotline": settings.HOTLINE,
    }
    return _snapshot(
        Kind.PLEDGE,
        record_key=f"station:{station.pk}",
        title=station.plaque_number,
        union_id=station.union_id,
        payload=payload,
        links={"station": station},
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
        "sanitation_only": station.audience == "sanitation",
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
        links={"station": station},
    )


# --- 附件1 备案表 ------------------------------------------------------------------------


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
        for s in filing.stations.order_by("row_number", "id")
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
        links={"filing": filing},
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
        links={"agreement": agreement},
    )


# --- A filing's pledges and plaques in one zip ---------------------------------------------


def batch_members(filing: FilingForm) -> list[Snapshot]:
    """The pledge and the plaque of every numbered, operating station of the filing."""
    stations = (
        filing.stations.filter(status__in=HOLDS_PLAQUE, plaque_recalled=False)
        .exclude(plaque_number="")
        .select_related("host_unit", "pledge")
        .order_by("plaque_seq", "id")
    )
    members: list[Snapshot] = []
    for station in stations:
        members.append(pledge_snapshot(station))
        members.append(plaque_snapshot(station))
    return members


def batch_snapshot(filing: FilingForm, members: list[Snapshot] | None = None) -> Snapshot:
    members = batch_members(filing) if members is None else members
    if not members:
        raise DocumentUnavailable(_("This filing has no approved stations with a plaque number."))
    payload = {
        "unit_name": filing.unit_name,
        "members": [
            {"kind": m.kind, "record_key": m.record_key, "title": m.title, "version": m.version}
            for m in members
        ],
    }
    return _snapshot(
        Kind.BATCH_ZIP,
        record_key=f"filing:{filing.pk}",
        title=filing.unit_name,
        union_id=filing.union_id,
        payload=payload,
        links={"filing": filing},
    )


# --- Reports -----------------------------------------------------------------------------


def report_snapshot(spec: ReportSpec) -> Snapshot:
    payload = {"title": spec.title, "template": spec.template, "context": spec.context}
    return _snapshot(
        Kind.REPORT,
        record_key=f"report:{spec.key}"[:120],
        title=spec.title,
        union_id=spec.union_id,
        payload=payload,
        links={},
    )


# --- Dispatch ----------------------------------------------------------------------------

BUILDERS = {
    Kind.PLEDGE: (Station, pledge_snapshot),
    Kind.PLAQUE: (Station, plaque_snapshot),
    Kind.FILING_FORM: (FilingForm, filing_form_snapshot),
    Kind.AGREEMENT: (Agreement, agreement_snapshot),
    Kind.BATCH_ZIP: (FilingForm, batch_snapshot),
    Kind.REPORT: (ReportSpec, report_snapshot),
}

# Which documents each kind of record offers, in the order the panel lists them.
KINDS_FOR = {
    Station: (Kind.PLEDGE, Kind.PLAQUE),
    FilingForm: (Kind.FILING_FORM, Kind.BATCH_ZIP),
    Agreement: (Kind.AGREEMENT,),
}


def snapshot_for(kind: str, record) -> Snapshot:
    try:
        model, build = BUILDERS[kind]
    except KeyError:
        raise DocumentUnavailable(_("Unknown kind of document.")) from None
    if not isinstance(record, model):
        raise DocumentUnavailable(_("This kind of document is not made from this record."))
    return build(record)
