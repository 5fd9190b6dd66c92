"""After a withdrawal the year's count is checked against its bounds again, and
/awards/<year>/ says that titles were withdrawn and, when so, that the year is now below its
lower bound."""

from __future__ import annotations

import pytest

from awards.models import Award, AwardKind
from awards.services import award_confirm, award_selection_save, award_withdraw, award_year_publish
from history.models import RecordChange
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, operating_station, scores


@pytest.fixture
def published(db):
    """25 stations operated the whole year: ceil(1.25) = 2, floor(2.0) = 2, exactly two
    excellent stations, both published with their heads and partners confirmed."""
    aid = make_user("aid", Role.AID_CENTER)
    stations = [operating_station() for _ in range(25)]
    for i, station in enumerate(stations):
        scores(station, [95 - i] * 4)
    award_selection_save(year=YEAR, station_ids=[s.pk for s in stations[:2]], by=aid)
    for award in Award.objects.filter(confirmed=False):
        award_confirm(award=award, confirmed=True, by=aid)
    award_year_publish(year=YEAR, by=aid, certificates=False)
    return aid, stations


def test_a_year_with_nothing_withdrawn_says_nothing_of_it(client, published):
    page = client.get(f"/awards/{YEAR}/").content.decode()
    assert 'data-testid="honours-withdrawn"' not in page


def test_withdrawing_an_excellent_station_leaves_the_year_below_its_bound_and_says_so(
    client, published
):
    aid, stations = published
    station = Award.objects.get(kind=AwardKind.EXCELLENT_STATION, station=stations[1])
    result = award_withdraw(award=station, reason="发现弄虚作假", by=aid)
    # Two were selected, one stands: 1 < the lower bound of 2.
    assert (result.standing.excellent, result.standing.lower) == (1, 2)
    assert result.standing.below and result.standing.withdrawn == 3
    page = client.get(f"/awards/{YEAR}/").content.decode()
    notice = page.split('data-testid="honours-withdrawn"', 1)[1].split("</section>", 1)[0]
    # Three titles: the station's, its head's and its unit's.
    assert "本年度有 3 项称号在发布后被撤销" in notice
    assert "本年度现有 1 个优秀站点，低于下限 2 个（全年运行的 25 个站点的 5%）" in notice
    assert stations[1].name not in page and stations[0].name in page
    # The history says it too, for the aid center.
    withdrawn = RecordChange.objects.filter(
        record="award", action="withdrawn", reason__contains="2"
    )
    assert any(change.award_name == "" for change in withdrawn)


def test_withdrawing_a_head_alone_keeps_the_year_within_its_bound(client, published):
    aid, stations = published
    head = Award.objects.get(kind=AwardKind.STAR_HEAD, station=stations[0])
    result = award_withdraw(award=head, reason="另有任用", by=aid)
    assert not result.standing.below
    page = client.get(f"/awards/{YEAR}/").content.decode()
    assert 'data-testid="honours-withdrawn"' in page
    assert 'data-testid="honours-below-bound"' not in page


def test_the_kept_copy_of_the_honours_is_dropped_by_a_withdrawal(
    client, published, django_assert_max_num_queries
):
    """Anonymous visitors read a kept copy (stations.public_cache); a withdrawal writes a
    history row, which is in the copy's key, so the next visitor reads the page without it."""
    aid, stations = published
    first = client.get(f"/awards/{YEAR}/").content.decode()
    assert stations[1].name in first
    # Kept: the published years and the year's newest change are read, no title.
    with django_assert_max_num_queries(3):
        again = client.get(f"/awards/{YEAR}/").content.decode()
    assert again == first
    award_withdraw(
        award=Award.objects.get(kind=AwardKind.EXCELLENT_STATION, station=stations[1]),
        reason="发现弄虚作假",
        by=aid,
    )
    after = client.get(f"/awards/{YEAR}/").content.decode()
    assert stations[1].name not in after and stations[0].name in after
