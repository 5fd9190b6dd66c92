"""Harness cases for the documents views (see cases.py)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from stations.documents.snapshots import snapshot_for
from stations.models import GeneratedDocument, Station, StationStatus

from .case import OTHER_DISTRICT, Case

Kind = GeneratedDocument.Kind


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


def _ready(w, kind: str = Kind.PLEDGE) -> GeneratedDocument:
    """A made document of union A (a stand-in file: the harness tests access, not PDFs)."""
    station = _numbered(w)
    record = w.filing_a if kind == Kind.BATCH_ZIP else station
    snapshot = snapshot_for(kind, record)
    document, created = GeneratedDocument.objects.get_or_create(
        kind=kind,
        record_key=snapshot.record_key,
        version=snapshot.version,
        defaults={"union_id": snapshot.union_id, "payload": snapshot.payload, **snapshot.links},
    )
    if created:
        document.file.save(f"harness.{document.extension}", ContentFile(b"%PDF-1.7"), save=False)
        document.state = GeneratedDocument.State.READY
        document.save()
    return document


CASES: dict[str, Case] = {
    "stations:document_request": Case(
        kwargs=lambda w: {"record": "station", "pk": _numbered(w).pk, "kind": Kind.PLEDGE},
        owner="a",
        hidden_from=OTHER_DISTRICT,
    ),
    "stations:document_status": Case(
        kwargs=lambda w: {"record": "station", "pk": _numbered(w).pk},
        owner="a",
        hidden_from=OTHER_DISTRICT,
    ),
    "stations:document_download": Case(
        kwargs=lambda w: {"pk": _ready(w).pk}, owner="a", hidden_from=OTHER_DISTRICT
    ),
    "stations:document_retry": Case(kwargs=lambda w: {"pk": _ready(w).pk}, owner="a"),
    "stations:filing_batch_zip": Case(
        kwargs=lambda w: {"pk": _ready(w, Kind.BATCH_ZIP).filing_id}, owner="a"
    ),
}
