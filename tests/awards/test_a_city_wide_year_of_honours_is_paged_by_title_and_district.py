"""A city-wide year names thousands of titles (5%–8% of 200,000 stations, their heads and
partners): /awards/<year>/ shows each title's first page with a link to the rest, and a
filter by title and district, instead of every title at once (issue 26: 8.1 MB). A year that
fits on one page reads as before, with no filter."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from awards.models import Award, AwardKind, AwardYear
from awards.models.year import AwardYearStatus
from public.views.honours import PER_PAGE

from .conftest import YEAR, operating_station

pytestmark = pytest.mark.django_db

EXCELLENT = PER_PAGE * 2 + 10  # three pages of excellent stations


def _year(titles: int) -> list[Award]:
    award_year = AwardYear.objects.create(
        year=YEAR,
        status=AwardYearStatus.PUBLISHED,
        published_at=timezone.now(),
        operating_stations=titles * 15,
        lower_bound=titles,
        upper_bound=titles,
    )
    awards = []
    for i in range(titles):
        station = operating_station()
        awards.append(
            Award(
                award_year=award_year,
                kind=AwardKind.EXCELLENT_STATION,
                station=station,
                union=station.filing.union,
                district="黄浦区" if i % 2 == 0 else "徐汇区",
                name=f"优秀站点{i:03d}",
                station_name=station.name,
                plaque_number=station.plaque_number,
                rank=i + 1,
                confirmed=True,
            )
        )
    Award.objects.bulk_create(awards)
    # One head, so a second title is on the page.
    head = awards[0]
    Award.objects.create(
        award_year=award_year,
        kind=AwardKind.STAR_HEAD,
        station=head.station,
        union=head.union,
        district=head.district,
        name="王站长",
        station_name=head.station_name,
        plaque_number=head.plaque_number,
        rank=1,
        confirmed=True,
    )
    return awards


def _names(page: str) -> list[str]:
    return re.findall(r"优秀站点\d{3}", page)


def test_the_page_shows_each_titles_first_page_and_links_to_the_rest(client):
    _year(EXCELLENT)

    page = client.get(f"/awards/{YEAR}/").content.decode()

    assert _names(page) == [f"优秀站点{i:03d}" for i in range(PER_PAGE)]
    assert 'data-testid="honours-star_head"' in page  # the head's section is there too
    more = page.split('data-testid="honours-more"', 1)[0].rsplit("<a", 1)[1]
    assert "kind=excellent_station" in more
    assert f"另有 {EXCELLENT - PER_PAGE} 个" in page
    assert 'data-testid="honours-filter"' in page


def test_a_title_reads_page_by_page_in_rank_order(client):
    _year(EXCELLENT)

    seen = []
    for number in (1, 2, 3):
        page = client.get(
            f"/awards/{YEAR}/", {"kind": "excellent_station", "page": number}
        ).content.decode()
        seen += _names(page)
        assert 'data-testid="honours-star_head"' not in page

    assert seen == [f"优秀站点{i:03d}" for i in range(EXCELLENT)]


def test_a_district_shows_only_its_titles_and_counts_them(client):
    _year(EXCELLENT)

    page = client.get(
        f"/awards/{YEAR}/", {"kind": "excellent_station", "district": "徐汇区"}
    ).content.decode()

    names = _names(page)
    assert names and all(int(n[-3:]) % 2 == 1 for n in names)
    count = page.split('data-testid="honours-count">', 1)[1].split("<", 1)[0]
    assert int(count) == EXCELLENT // 2


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nonsense"},
        {"district": "<script>alert(1)</script>"},
        {"kind": "excellent_station", "page": "abc"},
        {"kind": "excellent_station", "page": "99999"},
    ],
)
def test_a_bad_filter_is_ignored_and_the_page_still_answers(client, query):
    _year(EXCELLENT)

    response = client.get(f"/awards/{YEAR}/", query)

    assert response.status_code == 200
    assert _names(response.content.decode())
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_year_that_fits_on_one_page_has_no_filter_and_no_link(client):
    _year(5)

    page = client.get(f"/awards/{YEAR}/").content.decode()

    assert _names(page) == [f"优秀站点{i:03d}" for i in range(5)]
    assert 'data-testid="honours-filter"' not in page
    assert 'data-testid="honours-more"' not in page
