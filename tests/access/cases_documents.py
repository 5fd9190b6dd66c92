"""Harness cases for the documents views (see cases.py).

Inspectors read a station's own documents (the pledge and the plaque) and nothing else: a
filing form, an agreement or a filing's zip carries other stations' heads and mobile
numbers, and reports are the unions' and the aid center's. ``DOWNLOADS`` holds one case per
kind of document for the download view (tests/access/test_document_downloads.py walks it);
the harness's own row for the download is the filing form, the leak the least-privilege rule
closed.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import GeneratedDocument
from documents.reports import ReportSpec
from documents.snapshots import snapshot_for
from stations.documents.codes import Kind
from stations.models import Agreement, Station, StationStatus

from .case import INSPECTORS, OTHER_DISTRICT, Case


def _numbered(w) -> Station:
    """Union A's station, approved and numbered, so that it has documents (and inspectors,
    who never see drafts, see it too)."""
    station = w.station_a
    if not station.plaque_number:
        Station.objects.filter(pk=station.pk).update(
            status=StationStatus.APPROVED,
            plaque_number="SH09001",
            plaque_seq=9001,
            approved_at=timezone.now(),
        )
        station.refresh_from_db()
    return station


def _agreement(w) -> Agreement:
    agreement = Agreement.objects.filter(union=w.union_a).first()
    if agreement is None:
        agreement = Agreement.objects.create(
            union=w.union_a,
            host_unit=w.host_a,
            party_b="上海市总工会、上海市绿化和市容管理局",
            signatory_a="张三",
            signed_on=dt.date(2018, 11, 1),
        )
        agreement.stations.add(_numbered(w))
    return agreement


def _order(w):
    """A rectification order on union A's station (its 整改通知书 is the station's: union A
    and the inspectors of its district read it)."""
    from inspections.models import Rectification, RectificationItem

    order = Rectification.objects.filter(union=w.union_a).first()
    if order is None:
        station = _numbered(w)
        order = Rectification.objects.create(
            station=station,
            union=w.union_a,
            district=station.district,
            opened_by=w.inspector,
            deadline=dt.date(2018, 12, 1),
        )
        RectificationItem.objects.create(rectification=order, text="铭牌在室外醒目位置悬挂")
    return order


def _campaign(w) -> int:
    from tests.campaigns import running_campaign

    return running_campaign(w).pk


def _record(w, kind: str):
    if kind in (Kind.PLEDGE, Kind.PLAQUE):
        return _numbered(w)
    if kind == Kind.BATCH_ZIP:
        _numbered(w)
        return w.filing_a
    if kind == Kind.FILING_FORM:
        return w.filing_a
    if kind == Kind.AGREEMENT:
        return _agreement(w)
    if kind == "award_cert":
        from .cases_awards import published_award_a

        return published_award_a(w)
    if kind == "rect_notice":
        return _order(w)
    if kind == Kind.CAMPAIGN_REPORT:
        from stations.documents.campaign_report import CampaignReport
        from tests.campaigns import running_campaign

        return CampaignReport(campaign=running_campaign(w), user=w.user_a)
    if kind == "assess_xlsx":
        from inspections.models import AssessmentStatus, QuarterlyAssessment
        from inspections.reports.workbook import AssessmentWorkbook

        assessment, _created = QuarterlyAssessment.objects.get_or_create(
            year=2018, quarter=3, version=1, defaults={"status": AssessmentStatus.PUBLISHED}
        )
        return AssessmentWorkbook(assessment)
    return ReportSpec(key="harness-huangpu", title="2018年第三季度考核情况", union_id=w.union_a.pk)


def _ready(w, kind: str = Kind.PLEDGE) -> GeneratedDocument:
    """A made document of union A (a stand-in file: the harness tests access, not PDFs)."""
    snapshot = snapshot_for(kind, _record(w, kind))
    document, created = GeneratedDocument.objects.get_or_create(
        kind=kind,
        record_key=snapshot.record_key,
        version=snapshot.version,
        defaults={
            "union_id": snapshot.union_id,
            "district": snapshot.district,
            "payload": snapshot.payload,
        },
    )
    if created:
        document.file.save(f"harness.{document.extension}", ContentFile(b"%PDF-1.7"), save=False)
        document.state = GeneratedDocument.State.READY
        document.save()
    return document


def ready_export(w, requester: str = "union_a") -> GeneratedDocument:
    """A made registry export (a stand-in file) asked for by the harness's ``requester``."""
    from stations.documents.registry_export import RegistryExport

    return _ready_personal(w, requester, Kind.REGISTRY_EXPORT, RegistryExport, b"PK")


def ready_order_export(w, requester: str = "union_a") -> GeneratedDocument:
    """A made CSV of the order list (a stand-in file) asked for by ``requester``."""
    from inspections.orders.export import ORDER_EXPORT, OrderExport

    return _ready_personal(w, requester, ORDER_EXPORT, OrderExport, "\ufeff".encode())


def _ready_personal(w, requester: str, kind: str, record, content: bytes) -> GeneratedDocument:
    user = w.users()[requester]
    snapshot = snapshot_for(kind, record(user=user))
    document, created = GeneratedDocument.objects.get_or_create(
        kind=kind,
        record_key=snapshot.record_key,
        version=snapshot.version,
        defaults={
            "union_id": snapshot.union_id,
            "district": snapshot.district,
            "payload": snapshot.payload,
            "title": snapshot.title,
            "requested_by": user,
        },
    )
    if created:
        document.file.save(f"harness.{document.extension}", ContentFile(content), save=False)
        document.state = GeneratedDocument.State.READY
        document.save()
    return document


# Who an export union A's clerk asked for (the registry's, the order list's) is hidden from: it is the clerk's alone
# (unions.scopes.PERSONAL_DOCUMENT_KINDS), the aid center's staff included.
NOT_THE_REQUESTER = (*INSPECTORS, "aid_center")


def _download(kind: str, *, inspectors: bool) -> Case:
    return Case(
        kwargs=lambda w: {"pk": _ready(w, kind).pk},
        owner="a",
        # Station documents: the inspectors of other districts do not see them either.
        hidden_from=OTHER_DISTRICT if inspectors else INSPECTORS,
    )


DOWNLOADS: dict[str, Case] = {
    Kind.PLEDGE: _download(Kind.PLEDGE, inspectors=True),
    Kind.PLAQUE: _download(Kind.PLAQUE, inspectors=True),
    Kind.FILING_FORM: _download(Kind.FILING_FORM, inspectors=False),
    Kind.AGREEMENT: _download(Kind.AGREEMENT, inspectors=False),
    Kind.BATCH_ZIP: _download(Kind.BATCH_ZIP, inspectors=False),
    "report": _download("report", inspectors=False),
    # The rectification notice is the station's union's and its district's inspectors'.
    "rect_notice": _download("rect_notice", inspectors=True),
    # Award certificates are the winner's union's: never an inspector's.
    "award_cert": _download("award_cert", inspectors=False),
    # The quarter's workbook is city-wide (no union): the aid center's and the admins' only.
    "assess_xlsx": Case(
        kwargs=lambda w: {"pk": _ready(w, "assess_xlsx").pk},
        hidden_from=("union_a", "union_b", *INSPECTORS),
    ),
    # A union's campaign report is that union's: never an inspector's.
    Kind.CAMPAIGN_REPORT: _download(Kind.CAMPAIGN_REPORT, inspectors=False),
    # The registry export is its requester's alone (test_registry_export_downloads.py walks
    # every requester); here union A's clerk asked for it.
    Kind.REGISTRY_EXPORT: Case(
        kwargs=lambda w: {"pk": ready_export(w).pk}, owner="a", hidden_from=NOT_THE_REQUESTER
    ),
    # So is the order list's CSV (the same walk covers it).
    "orders_csv": Case(
        kwargs=lambda w: {"pk": ready_order_export(w).pk},
        owner="a",
        hidden_from=NOT_THE_REQUESTER,
    ),
}


CASES: dict[str, Case] = {
    "documents:request": Case(
        kwargs=lambda w: {"record": "station", "pk": _numbered(w).pk, "kind": Kind.PLEDGE},
        owner="a",
        hidden_from=OTHER_DISTRICT,
    ),
    "documents:status": Case(
        kwargs=lambda w: {"record": "station", "pk": _numbered(w).pk},
        owner="a",
        hidden_from=OTHER_DISTRICT,
    ),
    "documents:download": DOWNLOADS[Kind.FILING_FORM],
    "documents:retry": Case(kwargs=lambda w: {"pk": _ready(w).pk}, owner="a"),
    # A campaign's reports (its progress page's panel): the city's campaign, read by the
    # unions and the aid center; each asks for the report of what it sees (a union its own).
    "stations:campaign_report_status": Case(kwargs=lambda w: {"pk": _campaign(w)}),
    "stations:campaign_report_request": Case(
        kwargs=lambda w: {"pk": _campaign(w), "fmt": "xlsx"}, post_ok=(302,)
    ),
    "stations:filing_batch_zip": Case(
        kwargs=lambda w: {"pk": _ready(w, Kind.BATCH_ZIP).record_key.split(":")[1]},
        owner="a",
    ),
}
