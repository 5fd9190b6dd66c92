"""The quarterly report's header prints the day of publication in Shanghai: a quarter
published at 23:30 UTC on 4 December 2026 is dated 2026-12-05 on each union's PDF."""

from __future__ import annotations

from documents.render import render_pdf
from documents.reports import REPORT, report_snapshot
from inspections.models import QuarterlyAssessment
from inspections.reports.pdfs import city_summary_spec, union_report_spec

from .helpers import pdf_text


def test_a_union_report_published_at_2330_utc_is_dated_the_next_shanghai_day(
    world, late_evening_utc
):
    assessment = QuarterlyAssessment.objects.create(
        year=2026,
        quarter=3,
        status="published",
        computed_at=late_evening_utc,
        published_at=late_evening_utc,
    )
    spec = union_report_spec(assessment, world.union_a)
    assert spec.context["generated_on"] == "2026-12-05"
    text = pdf_text(render_pdf(REPORT, report_snapshot(spec).payload))
    assert "2026-12-05" in text and "2026-12-04" not in text
    assert city_summary_spec(assessment).context["generated_on"] == "2026-12-05"
