"""The quarter's Excel workbooks: the city-wide one (sheets 概况, 推荐单位, 站点, 整改) for the
aid center, and one per union (概况, 站点, 检查, 整改) beside its PDF, scoped to it.

A document kind of its own (``assess_xlsx``): its snapshot names the assessment (and the
union), whose score rows never change once computed, and the worker streams them from the
database into an openpyxl write-only workbook, so a national quarter's 200,000 rows are never
all in memory. Scores are written as shown (``numbers.shown``: one rounding, formatted
0.00), the same figures as the rankings page, the JSON and the PDFs. The orders and checks
listed are the quarter's own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from documents.kinds import DocumentKind, register
from documents.snapshots import Snapshot, snapshot
from stations.models import Audience
from unions.models import Union

from ..assessment.models import (
    AssessmentStatus,
    QuarterlyAssessment,
    StationQuarterScore,
    UnionQuarterScore,
)
from ..checks.models import INDEPENDENT_KINDS, Finding, Inspection, InspectionKind, InspectionStatus
from ..numbers import shown_float
from ..orders.models import AppealStatus
from ..quarters import quarter_bounds
from .pdfs import NOT_CHECKED, order_status_words, quarter_orders, result_words

WORKBOOK = "assess_xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCORE_FORMAT = "0.00"

# The parameters stored on an assessment, in words (the summary sheet).
PARAMETER_NAMES = {
    "scored_kinds": "计分的检查",
    "min_feedback": "满意度计入所需最少反馈数",
    "inspection_weight": "检查得分权重",
    "satisfaction_weight": "职工满意度权重",
    "timeliness_weight": "整改及时率权重",
    "red_line_cap": "红线不合格封顶分",
    "appeal_days": "申诉期（天）",
    # Versions computed under the earlier rules.
    "independent_weight": "独立检查权重",
    "self_weight": "自查权重",
}


@dataclass(frozen=True)
class AssessmentWorkbook:
    assessment: QuarterlyAssessment
    # None: the city-wide workbook (the aid center's); else that union's own.
    union: Union | None = None


def workbook_snapshot(record: AssessmentWorkbook) -> Snapshot:
    a, union = record.assessment, record.union
    title = f"{a.year}年第{a.quarter}季度考核（第{a.version}版）"
    if union is None:
        return snapshot(
            WORKBOOK,
            record_key=f"assessment:{a.pk}",
            title=title,
            payload={
                "assessment_id": a.pk,
                "year": a.year,
                "quarter": a.quarter,
                "version": a.version,
            },
        )
    return snapshot(
        WORKBOOK,
        record_key=f"assessment:{a.pk}:union:{union.code}",
        title=f"{title}{union.name}",
        union_id=union.pk,
        payload={
            "assessment_id": a.pk,
            "year": a.year,
            "quarter": a.quarter,
            "version": a.version,
            "union_id": union.pk,
        },
    )


def _score(sheet, value):
    """A score cell as shown: the rounded number, formatted with two decimals."""
    number = shown_float(value)
    if number is None:
        return None
    cell = WriteOnlyCell(sheet, value=number)
    cell.number_format = SCORE_FORMAT
    return cell


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


def _words() -> dict[str, dict[str, str]]:
    with translation.override("zh-hans"):
        return {
            "audience": {value: str(label) for value, label in Audience.choices},
            "kind": {value: str(label) for value, label in InspectionKind.choices},
            "appeal": {value: str(label) for value, label in AppealStatus.choices},
            "status": {value: str(label) for value, label in AssessmentStatus.choices},
            "order": order_status_words(),
        }


def _summary(book, assessment, scores, words, union) -> None:
    summary = book.create_sheet("概况")
    summary.append(["季度", f"{assessment.year}年第{assessment.quarter}季度"])
    if union is not None:
        summary.append(["推荐单位", union.name])
    summary.append(["版本", assessment.version])
    summary.append(["状态", words["status"].get(assessment.status, assessment.status)])
    computed = assessment.computed_at and timezone.localtime(assessment.computed_at)
    summary.append(["计算时间", computed.strftime("%Y-%m-%d %H:%M") if computed else ""])
    published = assessment.published_at and timezone.localtime(assessment.published_at)
    summary.append(["发布时间", published.strftime("%Y-%m-%d %H:%M") if published else ""])
    if assessment.correction_note:
        summary.append(["更正说明", assessment.correction_note])
    summary.append(["参评站点", scores.count()])
    summary.append(
        ["有得分站点（经服务质量监督队抽查）", scores.filter(score__isnull=False).count()]
    )
    summary.append([NOT_CHECKED, scores.filter(score__isnull=True).count()])
    summary.append(["因红线不合格", scores.filter(red_line=True).count()])
    if union is not None:
        own = UnionQuarterScore.objects.filter(assessment=assessment, union=union).first()
        if own is not None:
            summary.append(["排名", own.rank])
            summary.append(["平均得分", _score(summary, own.mean_score)])
            summary.append(["抽查覆盖率(%)", _score(summary, own.checked_share)])
            summary.append(["自查自评次数", own.self_checks])
            summary.append(["自查自评平均分", _score(summary, own.self_mean)])
            summary.append(["互访互评次数", own.peer_reviews])
            summary.append(["互访互评平均分", _score(summary, own.peer_mean)])
            summary.append(["自查与监督队得分差", _score(summary, own.self_gap)])
    for key, value in sorted(assessment.parameters.items()):
        if key == "scored_kinds":
            value = "、".join(words["kind"].get(kind, kind) for kind in value)
        summary.append([PARAMETER_NAMES.get(key, key), value])


def _unions(book, assessment) -> None:
    unions = book.create_sheet("推荐单位")
    unions.append(
        ["排名", "推荐单位", "站点数", "已抽查站点", "抽查覆盖率(%)", "平均分", "不合格站点",
         "自查次数", "自查均分", "互评次数", "互评均分", "自查与监督队得分差"]
    )  # fmt: skip
    for row in (
        UnionQuarterScore.objects.filter(assessment=assessment)
        .order_by(F("rank").asc(nulls_last=True), "union_id")
        .values_list(
            "rank",
            "union__name",
            "stations",
            "stations_checked",
            "checked_share",
            "mean_score",
            "red_line_stations",
            "self_checks",
            "self_mean",
            "peer_reviews",
            "peer_mean",
            "self_gap",
        )  # fmt: skip
    ):
        unions.append(
            [row[0], row[1], row[2], row[3], _score(unions, row[4]), _score(unions, row[5]),
             row[6], row[7], _score(unions, row[8]), row[9], _score(unions, row[10]),
             _score(unions, row[11])]
        )  # fmt: skip


def _stations(book, scores, words) -> None:
    stations = book.create_sheet("站点")
    stations.append(
        [
            "排名", "铭牌编号", "站点名称", "推荐单位", "区", "服务对象", "抽查次数",
            "检查得分", "反馈数", "职工满意度", "整改单数", "逾期整改", "整改及时率", "申诉中",
            "季度得分", "结果", "自查次数", "自查均分", "互评次数", "互评均分",
            "自查与监督队得分差",
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
            "inspection_score",
            "feedback_count",
            "satisfaction",
            "rectifications",
            "rectifications_late",
            "timeliness",
            "under_appeal",
            "score",
            "red_line",
            "red_lines",
            "self_checks",
            "self_mean",
            "peer_reviews",
            "peer_mean",
            "self_gap",
        )  # fmt: skip
        .iterator(chunk_size=5000)
    )
    audiences = words["audience"]
    for r in rows:
        stations.append(
            [r[0], r[1], r[2], r[3], r[4], audiences.get(r[5], r[5]), r[6],
             _score(stations, r[7]), r[8], _score(stations, r[9]), r[10], r[11],
             _score(stations, r[12]), "是" if r[13] else "", _score(stations, r[14]),
             result_words(r[15], r[16], r[14]), r[17], _score(stations, r[18]), r[19],
             _score(stations, r[20]), _score(stations, r[21])]
        )  # fmt: skip


def _checks(book, assessment, union, words) -> None:
    """The union's stations' checks of the quarter, every kind: which count and which are
    its own evaluation, their red lines and appeals."""
    sheet = book.create_sheet("检查")
    sheet.append(
        ["日期", "铭牌编号", "站点名称", "检查类型", "计入季度得分", "得分", "红线",
         "未达到的红线项", "状态", "申诉"]
    )  # fmt: skip
    start, end = quarter_bounds(assessment.year, assessment.quarter)
    checks = Inspection.objects.filter(
        union=union, visited_at__gte=start, visited_at__lt=end
    ).order_by("visited_at", "id")
    red = {}
    for inspection_id, label in (
        Finding.objects.filter(
            inspection__in=checks.filter(red_line=True).values("pk"),
            met=False,
            item__red_line=True,
        )
        .order_by("inspection_id", "item__position")
        .values_list("inspection_id", "item__label")
    ):
        red.setdefault(inspection_id, []).append(label)
    appeals = {}
    for inspection_id, status in (
        checks.filter(appeals__isnull=False)
        .order_by("appeals__created_at")
        .values_list("pk", "appeals__status")
    ):
        appeals[inspection_id] = words["appeal"].get(status, status)
    for c in checks.values_list(
        "pk", "visited_at", "station__plaque_number", "station__name", "kind", "score",
        "red_line", "status",
    ):  # fmt: skip
        counted = c[4] in INDEPENDENT_KINDS and c[7] == InspectionStatus.RECORDED
        sheet.append(
            [_local(c[1]), c[2], c[3], words["kind"].get(c[4], c[4]), "是" if counted else "否",
             _score(sheet, c[5]), "是" if c[6] else "", "、".join(red.get(c[0], [])),
             "已作废" if c[7] == InspectionStatus.VOIDED else "有效", appeals.get(c[0], "")]
        )  # fmt: skip


def _orders(book, assessment, union, words) -> None:
    orders = book.create_sheet("整改")
    orders.append(["铭牌编号", "站点名称", "推荐单位", "开具日期", "整改期限", "状态", "完成日期"])
    for r in (
        quarter_orders(assessment, union)
        .values_list(
            "station__plaque_number",
            "station__name",
            "union__name",
            "opened_at",
            "deadline",
            "status",
            "closed_at",
        )  # fmt: skip
        .iterator(chunk_size=5000)
    ):
        orders.append(
            [r[0], r[1], r[2], _local(r[3]), r[4].isoformat(), words["order"].get(r[5], r[5]),
             _local(r[6])]
        )  # fmt: skip


def workbook_bytes(payload: dict) -> bytes:
    assessment = QuarterlyAssessment.objects.get(pk=payload["assessment_id"])
    union = Union.objects.get(pk=payload["union_id"]) if payload.get("union_id") else None
    book = Workbook(write_only=True)
    words = _words()
    scores = StationQuarterScore.objects.filter(assessment=assessment)
    if union is not None:
        scores = scores.filter(union=union)
    _summary(book, assessment, scores, words, union)
    if union is None:
        _unions(book, assessment)
    _stations(book, scores, words)
    if union is not None:
        _checks(book, assessment, union, words)
    _orders(book, assessment, union, words)
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
