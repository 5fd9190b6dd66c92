"""The quarter's PDFs in the shared report layout (documents/report.html): one per union,
scoped to it (GeneratedDocument.union), and the city summary for the media (union None).

Texts here are document wording in Chinese, like the pledge's and the agreement's: they
quote the source document (沪工总基〔2018〕35号 四、(四): 考核情况于每季度在相关媒体发布并报送
所属上级区、局（产业）工会). Every score is written by ``numbers.shown_text`` (one rounding),
the same figures as the rankings page, its JSON and the workbooks; every record listed is
the quarter's own (a correction published later reports the same quarter, not the day it
was made).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, F, Q
from django.utils import timezone, translation

from documents.reports import ReportSpec
from stations.models import PUBLIC_STATUSES
from unions.models import Union

from ..assessment.models import QuarterlyAssessment, StationQuarterScore, UnionQuarterScore
from ..numbers import delta_text, shown_text
from ..orders.models import Rectification, RectificationStatus
from ..quarters import quarter_bounds
from ..rules import rules_in_words

SOURCE = "《关于创设本市“户外职工爱心接力站”的实施意见（试行）》（沪工总基〔2018〕35号）"
# The media summary lists this many stations from the top.
TOP_STATIONS = 20
NOT_CHECKED = "本季度未抽查"
FAILED = "不合格"


def _rules(parameters: dict) -> list[str]:
    with translation.override("zh-hans"):
        return rules_in_words(parameters)


def _fmt(value) -> str:
    return shown_text(value)


def _signed(value) -> str:
    return "—" if value is None else delta_text(value, 0)


def _times(count: int, mean) -> str:
    return f"{count}次，平均{_fmt(mean)}分" if count else "0次"


def _quarter(a: QuarterlyAssessment) -> str:
    return f"{a.year}年第{a.quarter}季度"


def rankings_address(a: QuarterlyAssessment) -> str:
    """The quarter's public rankings page, as a full address (the summary is printed)."""
    return f"{settings.PUBLIC_BASE_URL}/rankings/{a.year}/q{a.quarter}/"


def result_words(red_line: bool, red_lines: str, score) -> str:
    """The result column: 不合格 with its red lines, 本季度未抽查, or nothing."""
    if red_line:
        return f"{FAILED}（红线：{red_lines}）" if red_lines else FAILED
    if score is None:
        return NOT_CHECKED
    return ""


def _common(a: QuarterlyAssessment) -> dict:
    return {"generated_on": timezone.localdate(a.published_at or a.computed_at).isoformat()}


def _correction(a: QuarterlyAssessment) -> list[dict]:
    if not a.correction_note:
        return []
    return [{"heading": f"更正说明（第{a.version}版）", "paragraphs": [a.correction_note]}]


def quarter_orders(a: QuarterlyAssessment, union: Union | None = None):
    """The rectification orders of the quarter: opened in it or due in it, as they stand."""
    start, end = quarter_bounds(a.year, a.quarter)
    orders = Rectification.objects.filter(
        Q(opened_at__gte=start, opened_at__lt=end)
        | Q(deadline__gte=timezone.localdate(start), deadline__lt=timezone.localdate(end))
    )
    if union is not None:
        orders = orders.filter(union=union)
    return orders.order_by("deadline", "id")


def order_status_words() -> dict[str, str]:
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in RectificationStatus.choices}


def _local_day(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def union_report_spec(a: QuarterlyAssessment, union: Union) -> ReportSpec:
    own = UnionQuarterScore.objects.filter(assessment=a, union=union).first()
    unions_ranked = UnionQuarterScore.objects.filter(assessment=a, rank__isnull=False).count()
    scores = StationQuarterScore.objects.filter(assessment=a, union=union).order_by(
        F("rank").asc(nulls_last=True), "station_id"
    )
    stations = scores.values_list(
        "rank", "station__plaque_number", "station__name", "independent_checks",
        "inspection_score", "satisfaction", "timeliness", "score", "red_line", "red_lines",
        "under_appeal",
    )  # fmt: skip
    rows = [
        [r[0] or "—", r[1], r[2], r[3], _fmt(r[4]), _fmt(r[5]), _fmt(r[6]), _fmt(r[7]),
         result_words(r[8], "", r[7]) + ("（申诉中）" if r[10] else "")]
        for r in stations
    ]  # fmt: skip
    # The red lines in the checklist's words, below the table (too long for a cell).
    failed = [f"{r[1]} {r[2]}：未达到的红线项为{r[9] or '红线项'}。" for r in stations if r[8]]
    own_rows = [
        [r[0], r[1], r[2], _fmt(r[3]), r[4], _fmt(r[5]), _signed(r[6])]
        for r in scores.filter(Q(self_checks__gt=0) | Q(peer_reviews__gt=0)).values_list(
            "station__plaque_number",
            "station__name",
            "self_checks",
            "self_mean",
            "peer_reviews",
            "peer_mean",
            "self_gap",
        )  # fmt: skip
    ]
    words = order_status_words()
    order_rows = [
        [o[0], o[1], _local_day(o[2]), o[3].isoformat(), words.get(o[4], o[4]), _local_day(o[5])]
        for o in quarter_orders(a, union).values_list(
            "station__plaque_number",
            "station__name",
            "opened_at",
            "deadline",
            "status",
            "closed_at",
        )  # fmt: skip
    ]
    if own is None:
        overview = f"本季度{union.name}无参评站点。"
        own_overview = "本季度无自查自评和互访互评记录。"
    else:
        rank = f"在全市{unions_ranked}个推荐单位中排名第{own.rank}" if own.rank else "暂无排名"
        overview = (
            f"本季度参评站点{own.stations}家，服务质量监督队抽查{own.stations_checked}家"
            f"（抽查覆盖率{_fmt(own.checked_share)}%），本季度未抽查"
            f"{own.stations - own.stations_checked}家；平均得分{_fmt(own.mean_score)}，"
            f"{rank}；因红线不合格{own.red_line_stations}家。"
        )
        own_overview = (
            f"本季度贵单位对所属站点自查自评{_times(own.self_checks, own.self_mean)}；"
            f"所属站点接受互访互评{_times(own.peer_reviews, own.peer_mean)}。"
            + (
                f"同一站点自查得分与服务质量监督队检查得分之差平均为{_signed(own.self_gap)}分。"
                if own.self_gap is not None
                else ""
            )
            + "自查自评和互访互评是贵单位自身的考核评价，不计入季度得分。"
        )
    sections = [
        *_correction(a),
        {"heading": "一、总体情况", "paragraphs": [overview]},
        {
            "heading": "二、站点得分",
            "paragraphs": [
                "得分仅依据服务质量监督队的飞行检查、明察暗访（含复查）；"
                f"本季度未经抽查的站点列为“{NOT_CHECKED}”，不排名；"
                f"有红线问题且未经申诉撤销的站点为“{FAILED}”，得分封顶"
                f"{a.parameters.get('red_line_cap', '—')}分，排在所有无红线站点之后。"
            ],
            "table": {
                "columns": [
                    "排名",
                    "编号",
                    "站点",
                    "抽查",
                    "检查",
                    "满意度",
                    "及时率",
                    "得分",
                    "结果",
                ],
                "rows": rows,
            },  # fmt: skip
        },
        {"paragraphs": failed},
        {
            "heading": "三、自查自评与互访互评（不计入得分）",
            "paragraphs": [own_overview],
            "table": {
                "columns": [
                    "编号",
                    "站点",
                    "自查次数",
                    "自查均分",
                    "互评次数",
                    "互评均分",
                    "自查与监督队得分差",
                ],
                "rows": own_rows,
            }  # fmt: skip
            if own_rows
            else None,
        },
        {
            "heading": "四、本季度的整改",
            "paragraphs": [] if order_rows else ["本季度没有开具或到期的整改。"],
            "table": {
                "columns": ["编号", "站点", "开具日期", "整改期限", "状态", "完成日期"],
                "rows": order_rows,
            }
            if order_rows
            else None,
        },
        {"heading": "五、评分办法", "paragraphs": _rules(a.parameters)},
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
        failed=Count("pk", filter=Q(red_line=True)),
        mean=Avg("score"),
    )
    unions = (
        UnionQuarterScore.objects.filter(assessment=a)
        .order_by(F("rank").asc(nulls_last=True), "union_id")
        .values_list(
            "rank", "union__name", "stations", "checked_share", "mean_score", "red_line_stations"
        )
    )
    union_rows = [[u[0] or "—", u[1], u[2], f"{_fmt(u[3])}%", _fmt(u[4]), u[5]] for u in unions]
    public = scores.filter(station__status__in=PUBLIC_STATUSES)
    top = (
        public.filter(rank__isnull=False)
        .order_by(F("rank").asc(nulls_last=True), "station_id")
        .values_list(
            "rank", "station__plaque_number", "station__name", "district", "score", "red_line"
        )[:TOP_STATIONS]
    )
    top_rows = [[t[0], t[1], t[2], t[3], _fmt(t[4]), FAILED if t[5] else ""] for t in top]
    failed_rows = [
        [f[0], f[1], f[2], _fmt(f[3]), f[4] or "—"]
        for f in public.filter(red_line=True)
        .order_by(F("rank").asc(nulls_last=True), "station_id")
        .values_list("station__plaque_number", "station__name", "district", "score", "red_lines")
    ]
    districts = (
        scores.filter(score__isnull=False)
        .values("district")
        .annotate(n=Count("pk"), mean=Avg("score"))
        .order_by("-mean", "district")
    )
    district_rows = [[d["district"], d["n"], _fmt(d["mean"])] for d in districts]
    lead = (
        f"根据{SOURCE}四、（四）“考核情况于每季度在相关媒体发布并报送所属上级区、局（产业）工会”"
        f"的要求，{settings.AID_CENTER_NAME}会同服务质量监督队，以飞行检查、明察暗访对全市户外"
        f"职工爱心接力站开展了{_quarter(a)}考核评估，现将考核情况公布如下。"
    )
    overview = (
        f"本季度全市参评站点{totals['stations']}家，其中经服务质量监督队抽查评分的"
        f"{totals['checked']}家，本季度未抽查的{totals['stations'] - totals['checked']}家；"
        f"平均得分{_fmt(totals['mean'])}；因红线问题不合格的{totals['failed']}家。"
    )
    address = rankings_address(a)
    sections = [
        {"paragraphs": [lead]},
        *_correction(a),
        {"heading": "一、总体情况", "paragraphs": [overview]},
        {
            "heading": "二、各推荐单位情况",
            "table": {
                "columns": ["排名", "推荐单位", "站点数", "抽查覆盖率", "平均得分", "不合格"],
                "rows": union_rows,
            },
        },
        {
            "heading": "三、各区平均得分",
            "table": {"columns": ["区", "评分站点", "平均得分"], "rows": district_rows},
        },
        {
            "heading": f"四、得分前{TOP_STATIONS}名站点",
            "table": {"columns": ["排名", "编号", "站点", "区", "得分", ""], "rows": top_rows},
        },
        {
            "heading": "五、不合格站点",
            "paragraphs": [] if failed_rows else ["本季度没有因红线问题不合格的站点。"],
            "table": {
                "columns": ["编号", "站点", "区", "得分", "未达到的红线项"],
                "rows": failed_rows,
            }
            if failed_rows
            else None,
        },
        {
            "heading": "六、评分办法",
            "paragraphs": [
                *_rules(a.parameters),
                f"全部站点的得分与排名见考核排名页面：{address}",
            ],
        },
    ]
    return ReportSpec(
        key=f"assessment-{a.year}-q{a.quarter}-v{a.version}-city",
        title=f"{_quarter(a)}{settings.CITY_NAME}户外职工爱心接力站考核情况",
        context={**_common(a), "subtitle": settings.AID_CENTER_NAME, "sections": sections},
    )
