"""Issue 26: the rankings' pages (the public page, its JSON, the aid center's review page)
are read by key from marks kept with the list's count, not by OFFSET. Walked page by page,
with every filter, they give the whole list in its order, each station once: ranked first
(ties by station), the unranked (本季度未抽查) after them, stations no longer operating left
out of the public lists. The page sizes are made small so that a few stations make pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from inspections.assessment import views as assessment_views
from inspections.assessment.selectors import rankings as selectors
from inspections.models import AssessmentStatus, QuarterlyAssessment, StationQuarterScore
from public.views import rankings as views
from stations.models import StationStatus
from stations.models.station import PUBLIC_STATUSES

from .helpers import operating_station

QUARTER = {"year": 2025, "quarter": 1}
# Competition ranks with ties (1, 2, 2, 4, …) across a mark, then the unranked.
RANKS = [1, 2, 2, 4, 5, 5, 5, 8, 9, 10, 11, 11, 13, None, None, None, None, None, None, None]
DISTRICTS = ("黄浦区", "徐汇区")
AUDIENCES = ("all", "sanitation")
FILTERS = [
    {},
    {"district": "徐汇区"},
    {"audience": "sanitation"},
    {"district": "黄浦区", "audience": "all"},
]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "MARK_EVERY", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    monkeypatch.setattr(views, "API_PAGE_SIZE", 6)
    monkeypatch.setattr(assessment_views, "PAGE_SIZE", 4)
    cache.clear()


@pytest.fixture
def published(world) -> QuarterlyAssessment:
    assessment = QuarterlyAssessment.objects.create(**QUARTER, status=AssessmentStatus.PUBLISHED)
    for i, rank in enumerate(RANKS):
        district, audience = DISTRICTS[i % 2], AUDIENCES[(i // 2) % 2]
        # Every fifth no longer operates: the public lists leave it out, the staff's keeps it.
        status = StationStatus.CLOSED if i % 5 == 3 else StationStatus.ACTIVE
        union = world.union_a if i % 3 else world.union_b
        station = operating_station(union, district=district, audience=audience, status=status)
        StationQuarterScore.objects.create(
            assessment=assessment,
            station=station,
            union=union,
            district=district,
            audience=audience,
            independent_checks=0 if rank is None else 1,
            timeliness=Decimal(100),
            score=None if rank is None else Decimal(100 - rank),
            rank=rank,
        )
    return assessment


def _expected(assessment, *, public: bool, district: str = "", audience: str = "") -> list[str]:
    rows = StationQuarterScore.objects.filter(assessment=assessment).select_related("station")
    rows = [
        r
        for r in rows
        if (not public or r.station.status in PUBLIC_STATUSES)
        and (not district or r.district == district)
        and (not audience or r.audience == audience)
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.station_id))
    return [r.station.plaque_number for r in rows]


def _plaques(html: str) -> list[str]:
    return re.findall(r'data-testid="(?:rankings|station)-row" data-plaque="([^"]+)"', html)


@pytest.mark.parametrize("filters", FILTERS)
def test_the_json_walked_by_next_is_the_whole_list_in_order(
    small_pages, published, client, filters
):
    expected = _expected(published, public=True, **filters)
    url = reverse("rankings:api", kwargs=QUARTER) + ("?" if filters else "")
    url += "&".join(f"{k}={v}" for k, v in filters.items())
    seen, number = [], 0
    while url:
        data = client.get(url).json()
        number += 1
        assert (data["page"], data["count"]) == (number, len(expected))
        assert data["pages"] == max(1, -(-len(expected) // 6))
        seen += [s["plaque_number"] for s in data["stations"]]
        url = data["next"]
    assert seen == expected and number == data["pages"]


@pytest.mark.parametrize("filters", FILTERS)
def test_every_page_of_the_public_page_is_its_part_of_the_list(
    small_pages, published, client, filters
):
    expected = _expected(published, public=True, **filters)
    url = reverse("rankings:quarter", kwargs=QUARTER)
    pages = max(1, -(-len(expected) // 4))
    for number in range(1, pages + 1):
        html = client.get(url, {**filters, "page": number}).content.decode()
        assert _plaques(html) == expected[(number - 1) * 4 : number * 4]
    # Django's paginator's answers to odd page numbers stay: past the end or below 1 is the
    # last page, a word is the first.
    last = expected[(pages - 1) * 4 :]
    for odd, rows in (("999", last), ("0", last), ("-3", last), ("abc", expected[:4])):
        assert _plaques(client.get(url, {**filters, "page": odd}).content.decode()) == rows


def test_every_page_of_the_aid_centers_review_is_its_part_of_the_list(
    small_pages, published, world, client
):
    expected = _expected(published, public=False)
    client.force_login(world.aid)
    url = reverse("inspections:assessment_detail", args=[published.pk])
    seen = []
    for number in range(1, -(-len(expected) // 4) + 1):
        page = client.get(url, {"page": number})
        assert page.context["page"].paginator.count == len(expected)
        seen += _plaques(page.content.decode())
    assert seen == expected


def test_a_page_size_that_is_not_a_multiple_of_the_marks_step_is_refused(published):
    rows = selectors.station_rows(published)
    summary = {"count": 20, "marks": []}
    with pytest.raises(ValueError):
        selectors.paginator(rows, selectors.MARK_EVERY + 1, summary)
