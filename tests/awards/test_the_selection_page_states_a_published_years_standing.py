"""The selection page of a published year states how many excellent stations stand against
its bounds and how many titles were withdrawn, the same whether or not a search narrows the
titles shown (the counts are read with the titles' counts by kind, or alone when searching)."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from awards.models import AwardKind, AwardYear, AwardYearStatus
from awards.selectors import year_standing
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, title


def _standing(client, **query) -> str:
    body = client.get(reverse("awards:staff_year", args=[YEAR]), query).content.decode()
    return re.search(r'data-testid="year-standing">(.*?)</section>', body, re.S).group(1)


def test_the_standing_counts_the_titles_that_stand_and_those_withdrawn(client, db):
    award_year = AwardYear.objects.create(
        year=YEAR,
        status=AwardYearStatus.PUBLISHED,
        published_at=timezone.now(),
        operating_stations=40,
        lower_bound=2,
        upper_bound=3,
    )
    standing = title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True)
    title(award_year, AwardKind.EXCELLENT_STATION, confirmed=True, withdrawn_at=timezone.now())
    title(award_year, AwardKind.STAR_HEAD, confirmed=True, withdrawn_at=timezone.now())
    title(award_year, AwardKind.EXCELLENT_STATION)  # lapsed: never confirmed
    client.force_login(make_user("aid", Role.AID_CENTER))

    shown = _standing(client)

    figures = year_standing(award_year)
    assert (figures.excellent, figures.withdrawn, figures.below) == (1, 2, True)
    assert re.search(r"\b1\b.*2–3", shown) and re.search(r"\b2\b", shown)
    assert _standing(client, title_q=standing.name) == shown
