"""Reports in the shared layout (templates documents/report.html), for any app to fill.

An app describes a report with a ``ReportSpec`` and asks for it with ``report_request``;
the document is scoped like every other (its union; None for a city-wide report) and is
never shown to inspectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from .kinds import DocumentKind, register
from .services import document_request
from .snapshots import Snapshot, snapshot

REPORT = "report"
LAYOUT = "documents/report.html"


@dataclass(frozen=True)
class ReportSpec:
    """A report for the shared report layout.

    ``key`` names the report ("quarterly-2024-q1-huangpu"); ``template`` extends
    documents/report.html; ``context`` must be JSON (it is stored as the snapshot). Only
    templates in a documents/ template folder count in the version: a report template kept
    elsewhere should put its own revision into ``context``.
    """

    key: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    union_id: int | None = None
    template: str = LAYOUT


def report_snapshot(spec: ReportSpec) -> Snapshot:
    payload = {"title": spec.title, "template": spec.template, "context": spec.context}
    return snapshot(
        REPORT,
        record_key=f"report:{spec.key}",
        title=spec.title,
        union_id=spec.union_id,
        payload=payload,
    )


def _template(payload: dict[str, Any]) -> str:
    return payload.get("template") or LAYOUT


def _context(payload: dict[str, Any]) -> dict[str, Any]:
    return dict(payload.get("context", {}))


def register_kind() -> None:
    register(
        DocumentKind(
            code=REPORT,
            label=_("Report"),
            template=_template,
            context=_context,
            snapshot=report_snapshot,
            record=ReportSpec,
        )
    )


def report_request(*, spec: ReportSpec, by):
    """The report as ``spec`` describes it now, queued if it is new."""
    return document_request(kind=REPORT, record=spec, by=by)
