"""What a record's documents panel shows: one row per kind of document the record offers.

Shared by the template tag that draws the panel on a record's page and by the status view
the panel polls, so both always agree. Which kinds a record offers is what its app
registered (documents.kinds.RecordType).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from unions.roles import UNION_OR_AID, role_of

from . import kinds
from .models import GeneratedDocument
from .snapshots import DocumentUnavailable, snapshot_for
from .worker import document_is_stuck

State = GeneratedDocument.State

# Inspectors read; union staff and the aid center ask for a record's documents from its
# panel. Each kind names its own requesters (documents.kinds), which the service checks.
REQUESTERS = UNION_OR_AID
BADGES = {
    "none": "secondary",
    State.QUEUED: "secondary",
    State.RENDERING: "info",
    State.READY: "success",
    State.FAILED: "danger",
    State.WITHDRAWN: "dark",
}


@dataclass
class PanelRow:
    kind: str
    record_type: str
    record_id: int
    document: GeneratedDocument | None = None
    previous: GeneratedDocument | None = None
    unavailable: str = ""
    can_request: bool = False

    @property
    def label(self) -> str:
        return str(kinds.get(self.kind).label)

    @property
    def state(self) -> str:
        return self.document.state if self.document else "none"

    @property
    def state_label(self) -> str:
        if self.document is None:
            return ""
        return str(self.document.get_state_display())

    @property
    def badge(self) -> str:
        return BADGES.get(self.state, "secondary")

    @property
    def pending(self) -> bool:
        return bool(self.document and self.document.is_pending)

    @property
    def can_retry(self) -> bool:
        return bool(
            self.can_request
            and self.document
            and (self.document.state == State.FAILED or document_is_stuck(self.document))
        )

    @property
    def request_url(self) -> str:
        return reverse(
            "documents:request",
            kwargs={"record": self.record_type, "pk": self.record_id, "kind": self.kind},
        )

    @property
    def download_url(self) -> str:
        if self.document is None or not self.document.is_ready:
            return ""
        return reverse("documents:download", kwargs={"pk": self.document.pk})

    @property
    def previous_url(self) -> str:
        if self.previous is None:
            return ""
        return reverse("documents:download", kwargs={"pk": self.previous.pk})

    @property
    def retry_url(self) -> str:
        if self.document is None:
            return ""
        return reverse("documents:retry", kwargs={"pk": self.document.pk})

    def as_json(self) -> dict[str, Any]:
        doc = self.document
        return {
            "kind": self.kind,
            "label": self.label,
            "id": doc.pk if doc else None,
            "state": self.state,
            "state_label": self.state_label,
            "pending": self.pending,
            "attempts": doc.attempts if doc else 0,
            "error": doc.error if doc and doc.state == State.FAILED else "",
            "unavailable": self.unavailable,
            "download_url": self.download_url,
            "retry_url": self.retry_url if self.can_retry else "",
            "request_url": self.request_url if self.can_request else "",
        }


def panel_rows(record, user) -> list[PanelRow]:
    record_type = kinds.record_type_of(record)
    key = kinds.record_key(record)
    role = role_of(user)
    visible = GeneratedDocument.objects.visible_to(user)
    rows, versions = [], {}
    for kind in record_type.kinds:
        row = PanelRow(kind=kind, record_type=record_type.name, record_id=record.pk)
        try:
            versions[kind] = snapshot_for(kind, record).version
        except DocumentUnavailable as exc:
            row.unavailable = " ".join(exc.messages)
        else:
            # The panel's own door (REQUESTERS, the request view's access rule) and the
            # kind's requesters: a kind a rule asks for on an inspector's behalf (the
            # rectification notice of their red-line check) offers them no button here.
            row.can_request = role in REQUESTERS and role in kinds.get(kind).requesters
        rows.append(row)
    # Each kind's document of the record as it is now, in one read: at most one per kind
    # and version (documents_one_per_version).
    if versions:
        wanted = Q()
        for kind, version in versions.items():
            wanted |= Q(kind=kind, version=version)
        current = {doc.kind: doc for doc in visible.filter(wanted, record_key=key)}
        for row in rows:
            row.document = current.get(row.kind)
    for row in rows:
        if row.document is None or not row.document.is_ready:
            # An earlier version stays downloadable, marked as such, while the new one is made.
            older = visible.filter(kind=row.kind, record_key=key, state=State.READY)
            if row.kind in versions:
                older = older.exclude(version=versions[row.kind])
            row.previous = older.order_by("-finished_at", "-id").first()
    return rows
