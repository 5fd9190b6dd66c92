"""The quarter's PDFs in the shared report layout (documents/report.html): one per union,
scoped to it (GeneratedDocument.union), and the city summary for the media (union None).

Texts here are document wording in Chinese, like the pledge's and the agreement's: they
quote the source document (沪工总基〔2018〕35号 四、(四): 考核情况于每季度在相关媒体发布并报送
所属上级区、局（产业）工会).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.utils import timezone, translation

from documents.reports import ReportSpec
from unions.models import Union

from ..models import (
    OPEN_RECTIFICATION_STATUSES,
    QuarterlyAssessment,
    Rectification,
    StationQuarterScore,
    UnionQuarterScore,
)
from ..rules import rules_in_words

SOURCE = "《关于创设本市“户外职工爱心接力站”的实施意见（试行）》（沪工总基〔2018〕35号）"
# The media summary lists this many stations from the top.
TOP_STATIONS = 20


def _rules(parameters: dict) -> list[str]:
    with translation.override("zh-hans"):
        return rules_in_words(parameters)


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _quarter(a: QuarterlyAssessment) -> str:
    return f"{a.year}年第{a.quarter}季度"


def _common(a: QuarterlyAssessment) -> dict:
    context = {
        "generated_on": timezone.localdate(a.published_at or a.computed_at).isoformat(),
    }
    return context


def _correction(a: QuarterlyAssessment) -> list[dict]:
    if not a.correction_note:
        return []
    return [{"heading": f"更正说明（第{a.version}版）", "paragraphs": [a.correction_note]}]


def union_report_spec(a: QuarterlyAssessment, union: Union) -> ReportSpec:
    own = UnionQuarterScore.objects.filter(assessment=a, union=union).first()
    unions_ranked = UnionQuarterScore.objects.filter(assessment=a, rank__isnull=False).count()
    stations = (
        StationQuarterScore.objects.filter(assessment=a, union=union)
        .order_by(F("rank").asc(nulls_last=True), "station_id")
        .values_list(
            "rank",
            "station__plaque_number",
            "station__name",
            "inspection_score",
            "satisfaction",
            "timeliness",
            "score",
            "under_appeal",
        )  # fmt: skip
    )
    rows = [
        [r[0] or "—", r[1], r[2], _fmt(r[3]), _fmt(r[4]), _fmt(r[5]), _fmt(r[6]),
         "申诉中" if r[7] else ""]
        for r in stations
    ]  # fmt: skip
    orders = (
        Rectification.objects.filter(union=union, status__in=OPEN_RECTIFICATION_STATUSES)
        .order_by("deadline", "id")
        .values_list("station__plaque_number", "station__name", "deadline", "status")
    )
    status_words = {"open": "待整改", "answered": "已回复待复查", "escalated": "已升级"}
    order_rows = [[o[0], o[1], o[2].isoformat(), status_words.get(o[3], o[3])] for o in orders]
    if own is None:
        overview = f"本季度{union.name}无参评站点。"
    else:
        rank = f"在全市{unions_ranked}个推荐单位中排名第{own.rank}" if own.rank else "暂无排名"
        overview = (
            f"本季度参评站点{own.stations}家，已检查{own.stations_checked}家"
            f"（检查覆盖率{_fmt(own.checked_share)}%），平均得分{_fmt(own.mean_score)}，{rank}。"
        )
    sections = [
        *_correction(a),
        {"heading": "一、总体情况", "paragraphs": [overview]},
        {
            "heading": "二、站点得分",
            "table": {
                "columns": ["排名", "编号", "站点", "检查", "满意度", "及时率", "得分", ""],
                "rows": rows,
            },
        },
        {
            "heading": "三、未完成的整改",
            "paragraphs": [] if order_rows else ["目前没有未完成的整改。"],
            "table": {"columns": ["编号", "站点", "整改期限", "状态"], "rows": order_rows}
            if order_rows
            else None,
        },
        {"heading": "四、评分办法", "paragraphs": _rules(a.parameters)},
    ]
    return ReportSpec(
        key=f"assessment-{a.year}-q{a.quarter}-v{a.version}-union-{union.code}",
        title=f"{_quarter(a)}户外职工爱心接力站考核情况",
        context={**_common(a), "subtitle": union.name, "sections": sections},
        union_id=union.pk,
    )


def city_summary_spec(a: QuarterlyAssessment) -> ReportSpec:
    scores = StationQuarterScore.objects.filter(assessment=a)
    totals = scores.aggregate(
        stations=Count("pk"),
        checked=Count("pk", filter=Q(score__isnull=False)),
        mean=Avg("score"),
    )
    unions = (
        UnionQuarterScore.objects.filter(assessment=a)
        .order_by(F("rank").asc(nulls_last=True), "union_id")
        .values_list("rank", "union__name", "stations", "checked_share", "mean_score")
    )
    union_rows = [[u[0] or "—", u[1], u[2], f"{_fmt(u[3])}%", _fmt(u[4])] for u in unions]
    top = (
        scores.filter(rank__isnull=False, station__status__in=("active", "rectifying"))
        .order_by(F("rank").asc(nulls_last=True), "station_id")
        .values_list("rank", "station__plaque_number", "station__name", "district", "score")[
            :TOP_STATIONS
        ]
    )
    top_rows = [[t[0], t[1], t[2], t[3], _fmt(t[4])] for t in top]
    districts = (
        scores.filter(score__isnull=False)
        .values("district")
        .annotate(n=Count("pk"), mean=Avg("score"))
        .order_by("-mean", "district")
    )
    district_rows = [[d["district"], d["n"], _fmt(d["mean"])] for d in districts]
    lead = (
        f"根据{SOURCE}“考核情况于每季度在相关媒体发布并报送所属上级区、局（产业）工会”的要求，"
        f"{settings.AID_CENTER_NAME}会同服务质量监督队对全市户外职工爱心接力站开展了"
        f"{_quarter(a)}考核评估，现将考核情况公布如下。"
    )
    overview = (
        f"本季度全市参评站点{totals['stations']}家，其中经检查评分的{totals['checked']}家，"
        f"平均得分{_fmt(totals['mean'])}。"
    )
    sections = [
        {"paragraphs": [lead]},
        *_correction(a),
        {"heading": "一、总体情况", "paragraphs": [overview]},
        {
            "heading": "二、各推荐单位情况",
            "table": {
                "columns": ["排名", "推荐单位", "站点数", "检查覆盖率", "平均得分"],
                "rows": union_rows,
            },
        },
        {
            "heading": "三、各区平均得分",
            "table": {"columns": ["区", "评分站点", "平均得分"], "rows": district_rows},
        },
        {
            "heading": f"四、得分前{TOP_STATIONS}名站点",
            "table": {"columns": ["排名", "编号", "站点", "区", "得分"], "rows": top_rows},
        },
        {
            "heading": "五、评分办法",
            "paragraphs": [
                *_rules(a.parameters),
                "全部站点的得分与排名见本网站的考核排名页面（/rankings/）。",
            ],
        },
    ]
    return ReportSpec(
        key=f"assessment-{a.year}-q{a.quarter}-v{a.version}-city",
        title=f"{_quarter(a)}{settings.CITY_NAME}户外职工爱心接力站考核情况",
        context={**_common(a), "subtitle": settings.AID_CENTER_NAME, "sections": sections},
    )
