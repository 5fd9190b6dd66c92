"""The base of the 5%–8% bounds: the stations that operated the whole year, active or
rectifying when 31 December ended, with no standing red-line result in the year
(awards.selectors.award_base and standing_red_line_stations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from awards.selectors import (
    NOT_ALL_YEAR,
    RED_LINE,
    award_base,
    candidates,
    standing_red_line_stations,
    year_bounds,
)
from inspections.models import (
    Appeal,
    AppealStatus,
    Checklist,
    Inspection,
    InspectionKind,
    InspectionStatus,
)
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, at, operating_station, scores


@pytest.fixture
def inspector(db):
    return make_user("insp-redline", Role.INSPECTOR)


def red_line(station, by, *, kind=InspectionKind.FLYING, when=None, status="recorded"):
    return Inspection.objects.create(
        station=station,
        union=station.union,
        district=station.district,
        kind=kind,
        checklist=Checklist.objects.order_by("version").first()
        or Checklist.objects.create(version=1),
        by=by,
        visited_at=when or at(YEAR, 6, 1),
        score=Decimal("58"),
        red_line=True,
        status=status,
    )


def appeal(inspection, status):
    return Appeal.objects.create(
        inspection=inspection,
        union=inspection.union,
        district=inspection.district,
        reason="检查时站点正在正常营业",
        by=make_user(f"clerk-{inspection.pk}", Role.UNION_STAFF, union=inspection.union),
        status=status,
    )


def test_an_inspectors_red_line_that_stands_takes_the_station_out_of_the_base(db, inspector):
    clean = operating_station()
    found = operating_station()
    red_line(found, inspector)
    assert set(award_base(YEAR).values_list("pk", flat=True)) == {clean.pk}
    assert list(standing_red_line_stations(YEAR).values_list("station_id", flat=True)) == [found.pk]


def test_a_red_line_voided_or_upheld_on_appeal_does_not_stand_a_dismissed_one_does(db, inspector):
    voided = operating_station()
    red_line(voided, inspector, status=InspectionStatus.VOIDED)
    upheld = operating_station()
    appeal(red_line(upheld, inspector), AppealStatus.UPHELD)
    dismissed = operating_station()
    appeal(red_line(dismissed, inspector), AppealStatus.DISMISSED)
    still_open = operating_station()
    appeal(red_line(still_open, inspector), AppealStatus.OPEN)
    standing = set(standing_red_line_stations(YEAR).values_list("station_id", flat=True))
    assert standing == {dismissed.pk, still_open.pk}


def test_only_the_supervision_teams_red_lines_count_and_only_those_of_the_year(db, inspector):
    own = operating_station()
    clerk = make_user("clerk-own", Role.UNION_STAFF, union=own.union)
    red_line(own, clerk, kind=InspectionKind.SELF_CHECK)
    peer = operating_station()
    red_line(peer, make_user("clerk-peer", Role.UNION_STAFF, union=own.union),
             kind=InspectionKind.PEER_REVIEW)  # fmt: skip
    # 23:30 on 31 December of the year before (15:30 UTC): not this year's.
    last_year = operating_station()
    red_line(
        last_year, inspector, when=dt.datetime(YEAR - 1, 12, 31, 23, 30, tzinfo=at(YEAR).tzinfo)
    )
    # 00:10 on 1 January (16:10 on 31 December in UTC): this year's.
    new_year = operating_station()
    red_line(new_year, inspector, when=dt.datetime(YEAR, 1, 1, 0, 10, tzinfo=at(YEAR).tzinfo))
    standing = set(standing_red_line_stations(YEAR).values_list("station_id", flat=True))
    assert standing == {new_year.pk}


def test_the_bounds_are_taken_over_the_base_and_the_page_says_why_a_station_is_out(db, inspector):
    # 15 stations operated the whole year; one of them has a standing red line, and one
    # more station opened in March: the base is 14, exactly one title (ceil 0.7, floor 1.12).
    stations = [operating_station() for _ in range(15)]
    for station in stations:
        scores(station, [90, 90, 90, 90])
    red_line(stations[0], inspector)
    late = operating_station(activated=at(YEAR, 3, 1))
    scores(late, [99, 99, 99])
    assert award_base(YEAR).count() == 14
    bounds = year_bounds(YEAR)
    assert (bounds.lower, bounds.upper) == (1, 1)
    found = {c.station.pk: c for c in candidates(YEAR, today=dt.date(YEAR + 1, 1, 15))}
    assert found[stations[0].pk].exclusions == [RED_LINE]
    assert found[late.pk].exclusions == [NOT_ALL_YEAR]
    assert sum(1 for c in found.values() if c.eligible) == 14


def test_the_selection_page_states_the_base(client, db, inspector):
    for _ in range(14):
        scores(operating_station(), [90, 90, 90, 90])
    red_line(operating_station(), inspector)
    client.force_login(make_user("aid-page", Role.AID_CENTER))
    page = client.get(f"/staff/awards/{YEAR}/").content.decode()
    assert 'data-testid="base"' in page
    base_line = page.split('data-testid="base">', 1)[1].split("</p>", 1)[0]
    assert "14" in base_line and "15" not in base_line
