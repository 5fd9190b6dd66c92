"""The quarter's Excel workbook (sheets summary, unions, stations, rectifications).

A document kind of its own (``assess_xlsx``): its snapshot names the assessment, whose score
rows never change once computed, and the worker streams them from the database into an
openpyxl write-only workbook, so a national quarter's 200,000 rows are never all in memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from documents.kinds import DocumentKind, register
from documents.snapshots import Snapshot, snapshot
from stations.models import Audience

from ..models import QuarterlyAssessment, Rectification, StationQuarterScore, UnionQuarterScore
from ..quarters import quarter_bounds

WORKBOOK = "assess_xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class AssessmentWorkbook:
    assessment: QuarterlyAssessment


def workbook_snapshot(record: AssessmentWorkbook) -> Snapshot:
    a = record.assessment
    return snapshot(
        WORKBOOK,
        record_key=f"assessment:{a.pk}",
        title=f"{a.year}年第{a.quarter}季度考核（第{a.version}版）",
        payload={"assessment_id": a.pk, "year": a.year, "quarter": a.quarter, "version": a.version},
    )


def _num(value):
    return None if value is None else float(value)


def workbook_bytes(payload: dict) -> bytes:
    assessment = QuarterlyAssessment.objects.get(pk=payload["assessment_id"])
    book = Workbook(write_only=True)

    summary = book.create_sheet("summary")
    summary.append(["季度", f"{assessment.year}年第{assessment.quarter}季度"])
    summary.append(["版本", assessment.version])
    with translation.override("zh-hans"):
        summary.append(["状态", str(assessment.get_status_display())])
        audiences = {value: str(label) for value, label in Audience.choices}
    computed = assessment.computed_at and timezone.localtime(assessment.computed_at)
    summary.append(["计算时间", computed.strftime("%Y-%m-%d %H:%M") if computed else ""])
    if assessment.correction_note:
        summary.append(["更正说明", assessment.correction_note])
    scores = StationQuarterScore.objects.filter(assessment=assessment)
    summary.append(["参评站点", scores.count()])
    summary.append(["有得分站点", scores.filter(score__isnull=False).count()])
    for key, value in sorted(assessment.parameters.items()):
        summary.append([key, value])

    unions = book.create_sheet("unions")
    unions.append(["排名", "推荐单位", "站点数", "已检查站点", "检查覆盖率(%)", "平均分"])
    for row in (
        UnionQuarterScore.objects.filter(assessment=assessment)
        .order_by(F("rank").asc(nulls_last=True), "union_id")
        .values_list(
            "rank", "union__name", "stations", "stations_checked", "checked_share", "mean_score"
        )
    ):
        unions.append([row[0], row[1], row[2], row[3], _num(row[4]), _num(row[5])])

    stations = book.create_sheet("stations")
    stations.append(
        [
            "排名", "铭牌编号", "站点名称", "推荐单位", "区", "服务对象", "独立检查次数",
            "自查次数", "检查得分", "反馈数", "职工满意度", "整改单数", "逾期整改",
            "整改及时率", "申诉中", "季度得分",
        ]
    )  # fmt: skip
    rows = (
        scores.order_by(F("rank").asc(nulls_last=True), "station_id")
        .values_list(
            "rank",
            "station__plaque_number",
            "station__name",
            "union__name",
            "district",
            "audience",
            "independent_checks",
            "self_checks",
            "inspection_score",
            "feedback_count",
            "satisfaction",
            "rectifications",
            "rectifications_late",
            "timeliness",
            "under_appeal",
            "score",
        )  # fmt: skip
        .iterator(chunk_size=5000)
    )
    for r in rows:
        stations.append(
            [r[0], r[1], r[2], r[3], r[4], audiences.get(r[5], r[5]), r[6], r[7], _num(r[8]), r[9], _num(r[10]),
             r[11], r[12], _num(r[13]), "是" if r[14] else "", _num(r[15])]
        )  # fmt: skip

    orders = book.create_sheet("rectifications")
    orders.append(["铭牌编号", "站点名称", "推荐单位", "整改期限", "状态", "完成时间"])
    start, end = quarter_bounds(assessment.year, assessment.quarter)
    for r in (
        Rectification.objects.filter(
            deadline__gte=timezone.localdate(start), deadline__lt=timezone.localdate(end)
        )
        .order_by("deadline", "id")
        .values_list(
            "station__plaque_number",
            "station__name",
            "union__name",
            "deadline",
            "status",
            "closed_at",
        )
        .iterator(chunk_size=5000)
    ):
        closed = timezone.localtime(r[5]).strftime("%Y-%m-%d") if r[5] else ""
        orders.append([r[0], r[1], r[2], r[3].isoformat(), r[4], closed])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_kind() -> None:
    register(
        DocumentKind(
            code=WORKBOOK,
            label=_("Quarterly assessment workbook"),
            snapshot=workbook_snapshot,
            record=AssessmentWorkbook,
            produce=workbook_bytes,
            file_extension="xlsx",
            file_content_type=XLSX,
        )
    )
