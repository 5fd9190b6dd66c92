"""Public quarterly rankings (DESIGN's public contract): /rankings/ (the latest published
quarter), /rankings/<year>/q<n>/ and /api/v1/rankings/<year>/q<n>.json.

Only published versions are ever read here (``rankings.published``): a draft, or a quarter
never published, answers 404 with "not yet published". Every page is a fixed number of
queries whatever the number of stations (a test holds it): the charts' numbers come from
the database's aggregates, and each page of the station list, however deep, is read from
where it begins by key (``rankings.paginator``), not by OFFSET.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from inspections.assessment.selectors import rankings
from inspections.numbers import shown_float
from inspections.rules import rules_in_words
from stations import public_cache
from stations.models import Audience
from unions.access import access

PAGE_SIZE = 50
API_PAGE_SIZE = 1000


def _filters(request) -> dict[str, str]:
    district = request.GET.get("district", "")
    audience = request.GET.get("audience", "")
    return {
        "district": district if district in settings.DISTRICTS else "",
        "audience": audience if audience in Audience.values else "",
    }


def _paginate(rows, size: int, summary: dict, request):
    # The count and where each page begins are known from the cached summary: no COUNT(*)
    # per request, and page 50 is read off the index from its first row, not by OFFSET.
    return rankings.paginator(rows, size, summary).get_page(request.GET.get("page"))


def _next_page(request, base: str, page) -> str | None:
    """The next page's address, keeping the filters."""
    if not page.has_next():
        return None
    query = request.GET.copy()
    query["page"] = page.next_page_number()
    return f"{base}?{query.urlencode()}"


def _red_lines(row) -> list[str]:
    return [word for word in row.red_lines.split("、") if word] if row.red_line else []


def _page(request, assessment, *, status: int = 200):
    """The list, kept rendered for anonymous visitors (stations.public_cache) under the
    published version and the query: a published version's rows never change."""
    key = f"rankings:{assessment.pk}:{request.GET.urlencode()}"
    cached = public_cache.served(request, key)
    if cached is not None:
        return cached
    return public_cache.render_and_keep(
        request, key, lambda extra: _render_page(request, assessment, extra, status)
    )


def _render_page(request, assessment, extra: dict, status: int):
    filters = _filters(request)
    rows = rankings.station_rows(assessment, public=True, **filters)
    summary = rankings.public_summary(assessment, rows, **filters)
    page = _paginate(rows, PAGE_SIZE, summary, request)
    districts, bins = summary["districts"], summary["bins"]
    chart = {
        "districts": [{"label": d["district"], "value": shown_float(d["mean"])} for d in districts],
        "histogram": [{"label": b["label"], "value": b["count"]} for b in bins],
    }
    return render(
        request,
        "rankings/page.html",
        {
            "assessment": assessment,
            "page": page,
            "unions": rankings.union_rows(assessment),
            "districts": districts,
            "bins": bins,
            "chart": chart,
            "filters": filters,
            "district_choices": settings.DISTRICTS,
            "audience_choices": Audience.choices,
            "rules": rules_in_words(assessment.parameters),
            "api_url": reverse(
                "rankings:api", kwargs={"year": assessment.year, "quarter": assessment.quarter}
            ),
            **extra,
        },
        status=status,
    )


@access(public=True)
def rankings_latest(request):
    assessment = rankings.latest_published()
    if assessment is None:
        return render(request, "rankings/none.html")
    return _page(request, assessment)


def _published_or_404(year: int, quarter: int):
    assessment = rankings.published(year, quarter) if 1 <= quarter <= 4 else None
    if assessment is None:
        raise Http404("not yet published")
    return assessment


@access(public=True)
def rankings_quarter(request, year: int, quarter: int):
    return _page(request, _published_or_404(year, quarter))


@access(public=True)
def rankings_api(request, year: int, quarter: int):
    assessment = _published_or_404(year, quarter)
    # Kept as the page is (``_page``), and under the address asked for as well: the body's
    # links are absolute. A thousand stations drawn into JSON cost 80 ms at national size.
    key = f"rankings-json:{assessment.pk}:{request.build_absolute_uri(request.path)}?"
    key += request.GET.urlencode()
    body = public_cache.kept(request, key)
    if body is None:
        body = _api_body(request, assessment)
        if public_cache.cacheable(request):
            public_cache.keep(key, body)
    response = HttpResponse(body, content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _api_body(request, assessment) -> str:
    filters = _filters(request)
    rows = rankings.station_rows(assessment, public=True, **filters)
    summary = rankings.public_summary(assessment, rows, **filters)
    page = _paginate(rows, API_PAGE_SIZE, summary, request)
    base = request.build_absolute_uri(request.path)
    body = {
        "year": assessment.year,
        "quarter": assessment.quarter,
        "version": assessment.version,
        "published_at": assessment.published_at.isoformat() if assessment.published_at else None,
        "correction_note": assessment.correction_note,
        "parameters": assessment.parameters,
        "unions": [
            {
                "rank": u.rank,
                "union": u.union.name,
                "stations": u.stations,
                "stations_checked": u.stations_checked,
                "checked_share": shown_float(u.checked_share),
                "mean_score": shown_float(u.mean_score),
                "red_line_stations": u.red_line_stations,
            }
            for u in rankings.union_rows(assessment)
        ],
        "districts": [
            {
                "district": d["district"],
                "stations": d["stations"],
                "mean_score": shown_float(d["mean"]),
            }
            for d in summary["districts"]
        ],
        "histogram": [
            {"low": b["low"], "high": b["high"], "stations": b["count"]} for b in summary["bins"]
        ],
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": _next_page(request, base, page),
        "stations": [
            {
                "rank": s.rank,
                "plaque_number": s.station.plaque_number,
                "name": s.station.name,
                "union": s.union.name,
                "district": s.district,
                "audience": s.audience,
                # False: 本季度未抽查 (no independent check in the quarter), no score, no rank.
                "checked": s.independent_checks > 0,
                "independent_checks": s.independent_checks,
                "inspection_score": shown_float(s.inspection_score),
                "satisfaction": shown_float(s.satisfaction),
                "timeliness": shown_float(s.timeliness),
                "score": shown_float(s.score),
                # A standing red line: the quarter is 不合格, named in the checklist's words.
                "red_line": s.red_line,
                "red_lines": _red_lines(s),
                "under_appeal": s.under_appeal,
                "url": request.build_absolute_uri(
                    reverse("stations:public_detail", args=[s.station.plaque_number])
                ),
            }
            for s in page
        ],
    }
    return json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder)


urlpatterns = [
    path("rankings/", rankings_latest, name="latest"),
    path("rankings/<int:year>/q<int:quarter>/", rankings_quarter, name="quarter"),
    path("api/v1/rankings/<int:year>/q<int:quarter>.json", rankings_api, name="api"),
]
