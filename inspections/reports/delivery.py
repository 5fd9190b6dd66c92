"""Making a published quarter's reports and telling each union (Celery, after publication).

Each union gets its own PDF and its own workbook: the documents carry the union
(GeneratedDocument.union), which is what unions.scopes reads, and the notice links to the
PDF and names the workbook's address. The city-wide workbook and the city summary have no
union: the aid center's. Safe to run twice (a redelivered task): documents are found by
their version, and a union already told is not told again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from documents.reports import report_request
from unions.models import Notice, Union
from unions.notices import notify_union

from ..assessment.models import AssessmentStatus, QuarterlyAssessment, UnionQuarterScore
from .pdfs import city_summary_spec, union_report_spec
from .workbook import WORKBOOK, AssessmentWorkbook

TOPIC = "quarterly_report"


def assessment_reports_make(*, assessment_id: int) -> list:
    assessment = QuarterlyAssessment.objects.get(pk=assessment_id)
    if assessment.status not in (AssessmentStatus.PUBLISHED, AssessmentStatus.SUPERSEDED):
        return []
    by = assessment.published_by
    from documents.services import document_request

    documents = [
        document_request(kind=WORKBOOK, record=AssessmentWorkbook(assessment), by=by),
        report_request(spec=city_summary_spec(assessment), by=by),
    ]
    union_ids = UnionQuarterScore.objects.filter(assessment=assessment).values_list(
        "union_id", flat=True
    )
    for union in Union.objects.filter(pk__in=list(union_ids)).order_by("sort_order", "pk"):
        with transaction.atomic():
            document = report_request(spec=union_report_spec(assessment, union), by=by)
            workbook = document_request(
                kind=WORKBOOK, record=AssessmentWorkbook(assessment, union), by=by
            )
            documents.extend([document, workbook])
            link = reverse("documents:download", args=[document.pk])
            if not Notice.objects.filter(union=union, topic=TOPIC, link=link).exists():
                correction = "（更正版）" if assessment.correction_note else ""
                sheet = reverse("documents:download", args=[workbook.pk])
                notify_union(
                    union,
                    topic=TOPIC,
                    subject=f"{assessment.year}年第{assessment.quarter}季度考核情况{correction}",
                    body=(
                        f"{assessment.year}年第{assessment.quarter}季度户外职工爱心接力站考核结果"
                        "已发布，贵单位的考核情况报告（PDF）可在门户下载；各站点得分、检查、"
                        f"红线、自查差距和整改的数据表（Excel）：{settings.PUBLIC_BASE_URL}{sheet}"
                    ),
                    link=link,
                )
    return documents


def assessment_documents(assessment: QuarterlyAssessment):
    """The documents made for this version (staff page)."""
    from documents.models import GeneratedDocument

    prefix = f"report:assessment-{assessment.year}-q{assessment.quarter}-v{assessment.version}-"
    workbooks = Q(record_key=f"assessment:{assessment.pk}") | Q(
        record_key__startswith=f"assessment:{assessment.pk}:"
    )
    return GeneratedDocument.objects.filter(
        Q(record_key__startswith=prefix) | (Q(kind=WORKBOOK) & workbooks)
    )
