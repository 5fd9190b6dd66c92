"""The base of the 5%–8% bounds: the stations that operated the whole year, active or
rectifying when 31 December ended, with no red-line quarter (不合格) among the year's
published quarters (awards.selectors.award_base and standing_red_line_stations)."""

from __future__ import annotations

import datetime as dt

from awards.selectors import (
    NOT_ALL_YEAR,
    RED_LINE,
    award_base,
    candidates,
    standing_red_line_stations,
    year_bounds,
)
from inspections.assessment.models import AssessmentStatus
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, at, operating_station, scores


def test_a_published_quarter_with_a_red_line_takes_the_station_out_of_the_base(db):
    clean = operating_station()
    scores(clean, [90, 90, 90, 90])
    found = operating_station()
    scores(found, [90, 59, 90, 90], red_line_in=(2,))

    assert set(award_base(YEAR).values_list("pk", flat=True)) == {clean.pk}
    assert list(standing_red_line_stations(YEAR).values_list("station_id", flat=True)) == [found.pk]


def test_a_red_line_of_a_draft_or_superseded_quarter_or_of_another_year_does_not_stand(db):
    # The quarter's flag already leaves out red lines voided on appeal and those of
    # self-checks and peer reviews (tests/assessment); what awards adds is "published" and
    # "of the year".
    draft = operating_station()
    scores(draft, [90, 59], status=AssessmentStatus.DRAFT, red_line_in=(2,))
    superseded = operating_station()
    scores(superseded, [59], status=AssessmentStatus.SUPERSEDED, red_line_in=(1,))
    last_year = operating_station()
    scores(last_year, [90, 90, 90, 59], year=YEAR - 1, red_line_in=(4,))
    this_year = operating_station()
    scores(this_year, [59], red_line_in=(1,))

    standing = set(standing_red_line_stations(YEAR).values_list("station_id", flat=True))

    assert standing == {this_year.pk}


def test_the_bounds_are_taken_over_the_base_and_the_page_says_why_a_station_is_out(db):
    # 15 stations operated the whole year; one of them has a standing red line, and one
    # more station opened in March: the base is 14, exactly one title (ceil 0.7, floor 1.12).
    stations = [operating_station() for _ in range(15)]
    scores(stations[0], [90, 59, 90, 90], red_line_in=(2,))
    for station in stations[1:]:
        scores(station, [90, 90, 90, 90])
    late = operating_station(activated=at(YEAR, 3, 1))
    scores(late, [99, 99, 99])
    assert award_base(YEAR).count() == 14
    bounds = year_bounds(YEAR)
    assert (bounds.lower, bounds.upper) == (1, 1)
    found = {c.station.pk: c for c in candidates(YEAR, today=dt.date(YEAR + 1, 1, 15))}
    assert found[stations[0].pk].exclusions == [RED_LINE]
    assert found[late.pk].exclusions == [NOT_ALL_YEAR]
    assert sum(1 for c in found.values() if c.eligible) == 14


def test_the_selection_page_states_the_base(client, db):
    for _ in range(14):
        scores(operating_station(), [90, 90, 90, 90])
    scores(operating_station(), [90, 90, 59, 90], red_line_in=(3,))
    client.force_login(make_user("aid-page", Role.AID_CENTER))
    page = client.get(f"/staff/awards/{YEAR}/").content.decode()
    assert 'data-testid="base"' in page
    base_line = page.split('data-testid="base">', 1)[1].split("</p>", 1)[0]
    assert "14" in base_line and "15" not in base_line
