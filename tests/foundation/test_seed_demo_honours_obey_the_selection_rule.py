"""The demo's honours obey the rule the selection page states: its published year's
excellent stations are eligible candidates, drawn from the stations that operated the whole
year, and their count lies within the 5%–8% of that base (the demo once published 18 titles
for a year the page said no station had operated)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from awards.models import Award, AwardKind, AwardYear
from awards.rules import award_bounds
from awards.selectors import award_base, candidates
from stations.models import Station


@pytest.fixture
def seeded(demo):
    """The demo, seeded once for this module (tests/conftest.py), and its published year."""
    return timezone.localdate().year - 1


def test_the_demo_year_is_published_over_a_base_of_whole_year_stations(seeded):
    award_year = AwardYear.objects.published().get(year=seeded)
    base = award_base(seeded).count()
    assert base > 0
    assert base == Station.objects.operated_all_year(seeded).count()
    assert award_year.operating_stations == base
    bounds = award_bounds(base)
    assert (award_year.lower_bound, award_year.upper_bound) == (bounds.lower, bounds.upper)


def test_every_demo_title_belongs_to_an_eligible_station_and_the_count_is_within_bounds(seeded):
    award_year = AwardYear.objects.get(year=seeded)
    excellent = Award.objects.public().filter(
        award_year=award_year, kind=AwardKind.EXCELLENT_STATION
    )
    bounds = award_bounds(award_base(seeded).count())
    assert bounds.allows(excellent.count())
    eligible = [c for c in candidates(seeded) if c.eligible]
    # The winners are the top of the ranking, as the aid center sees it.
    assert [a.station_id for a in excellent.order_by("rank")] == [
        c.station.pk for c in eligible[: excellent.count()]
    ]
    for award in Award.objects.public().filter(award_year=award_year):
        assert award.station_id in {c.station.pk for c in eligible}


def test_the_selection_page_states_the_same_base_the_demo_was_held_to(seeded, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="aidcenter"))
    page = client.get(f"/staff/awards/{seeded}/").content.decode()
    line = page.split('data-testid="base">', 1)[1].split("</p>", 1)[0]
    assert str(AwardYear.objects.get(year=seeded).operating_stations) in line
