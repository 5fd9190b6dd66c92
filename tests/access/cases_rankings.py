"""Harness cases for the quarterly assessment: the aid center's staff pages and the public
rankings (everyone reads a published quarter; a draft is nobody's public page)."""

from __future__ import annotations

from inspections.models import AssessmentStatus, QuarterlyAssessment

from .case import Case


def _assessment(status: str, *, year: int = 2025, quarter: int = 1) -> QuarterlyAssessment:
    assessment, _created = QuarterlyAssessment.objects.get_or_create(
        year=year, quarter=quarter, version=1, defaults={"status": status}
    )
    return assessment


def _published(w) -> dict:
    a = _assessment(AssessmentStatus.PUBLISHED)
    return {"year": a.year, "quarter": a.quarter}


def _draft_quarter(w) -> dict:
    a = _assessment(AssessmentStatus.DRAFT, quarter=2)
    return {"year": a.year, "quarter": a.quarter}


def _draft(w) -> dict:
    return {"pk": _assessment(AssessmentStatus.DRAFT, quarter=2).pk}


CASES: dict[str, Case] = {
    "rankings:latest": Case(),
    "rankings:quarter": Case(kwargs=_published),
    "rankings:api": Case(kwargs=_published),
    "inspections:assessment_list": Case(),
    # An empty form: refused with a message and sent back to the list.
    "inspections:assessment_start": Case(post_ok=(302,)),
    "inspections:assessment_detail": Case(kwargs=_draft),
    # Publishing the draft from the harness's empty post: published, back to its page.
    "inspections:assessment_publish": Case(kwargs=_draft, post_ok=(302,)),
}

VARIANTS: list[tuple[str, Case]] = [
    # A quarter computed but not published is nobody's public page.
    ("rankings:quarter", Case(kwargs=_draft_quarter, ok=404, label="draft quarter")),
    ("rankings:api", Case(kwargs=_draft_quarter, ok=404, label="draft quarter")),
]
