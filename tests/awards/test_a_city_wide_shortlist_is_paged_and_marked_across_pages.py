"""The selection page at national size (issue 26): the candidates are worked out once by a job
(awards.shortlist), read a page at a time by rank and filtered by district, union, mean or
mark; the aid center's marks are kept across pages, "the best N" marks in one step, and
saving names every marked station, held to the bounds and to the rules as they stand."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from awards.models import Award, AwardKind, AwardYear, Shortlisted, ShortlistState
from awards.shortlist import shortlist_build, shortlist_mark, shortlist_take_top
from awards.views import staff as staff_views
from stations.models import StationStatus
from tests.factories import make_user
from unions.models import Role, Union

from .conftest import YEAR, operating_station, scores

URL = f"/staff/awards/{YEAR}/"


@pytest.fixture
def aid(db):
    return make_user("aid", Role.AID_CENTER)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(staff_views, "CANDIDATES_PER_PAGE", 5)
    monkeypatch.setattr(staff_views, "LEFT_OUT_PER_PAGE", 2)
    monkeypatch.setattr(staff_views, "TITLES_PER_PAGE", 2)


@pytest.fixture
def field(db):
    """40 operating stations (42 in all: bounds 3–3), means 99.0, 98.5, … in two districts; and two left
    out (too few quarters)."""
    xuhui = Union.objects.get(code="xuhui")
    stations = []
    for i in range(40):
        union = xuhui if i % 2 else None
        station = operating_station(union=union, name=f"候选站{i:02d}")
        scores(station, [99 - i * 0.5] * 4)
        stations.append(station)
    for i in range(2):
        scores(operating_station(name=f"新站{i}"), [95])
    return stations


def _rows(client, query=""):
    page = client.get(URL + query)
    assert page.status_code == 200
    return page


def test_the_shortlist_is_worked_out_once_and_read_a_page_at_a_time(
    client, aid, field, small_pages
):
    award_year = shortlist_build(YEAR)
    assert award_year.shortlist_state == ShortlistState.READY
    assert (award_year.shortlist_eligible, award_year.shortlist_left_out) == (40, 2)
    assert award_year.shortlist_reasons == {"few_quarters": 2}
    assert award_year.shortlist_base == 42
    client.force_login(aid)
    first = _rows(client).content.decode()
    assert first.count('name="shown"') == 5
    assert "候选站00" in first and "候选站05" not in first
    # The next page by key: ranks 6–10.
    token = first.split("after=", 1)[1].split('"', 1)[0].split("&", 1)[0]
    second = _rows(client, f"?after={token}").content.decode()
    assert "候选站05" in second and "候选站09" in second and "候选站00" not in second
    # One district: Xuhui holds the odd ones.
    district = Union.objects.get(code="xuhui").district
    only = _rows(client, f"?district={district}").content.decode()
    assert "候选站01" in only and "候选站00" not in only
    # The left out, with their reasons counted.
    left = _rows(client, "?left_out=1").content.decode()
    assert "新站0" in left and 'data-testid="reasons"' in left


def test_marks_are_kept_across_pages_and_saving_names_them_all(client, aid, field, small_pages):
    shortlist_build(YEAR)
    client.force_login(aid)
    # Page 1: mark the best; page 2: the 6th and 7th. Each post changes only its own page.
    client.post(
        f"{URL}selection/",
        {"shown": [s.pk for s in field[:5]], "station": [field[0].pk], "action": "mark"},
    )
    client.post(
        f"{URL}selection/",
        {
            "shown": [s.pk for s in field[5:10]],
            "station": [field[5].pk, field[6].pk],
            "action": "mark",
        },
    )
    marked = set(Shortlisted.objects.filter(selected=True).values_list("station_id", flat=True))
    assert marked == {field[0].pk, field[5].pk, field[6].pk}
    # Saving from page 1 names all three: exactly three for 42 stations.
    response = client.post(
        f"{URL}selection/",
        {"shown": [s.pk for s in field[:5]], "station": [field[0].pk], "action": "save"},
        follow=True,
    )
    assert response.status_code == 200
    excellent = Award.objects.filter(kind=AwardKind.EXCELLENT_STATION)
    assert {a.station_id for a in excellent} == marked
    assert {a.rank for a in excellent} == {1, 6, 7}
    # The titles are shown a page at a time per kind.
    page = response.content.decode()
    assert page.count('data-kind="excellent_station"') == 2
    assert "1–2 of 3" in page or "1–2 / 3" in page or "共 3" in page


def test_a_count_outside_the_bounds_keeps_the_marks(client, aid, field):
    shortlist_build(YEAR)
    client.force_login(aid)
    response = client.post(
        f"{URL}selection/",
        {"shown": [s.pk for s in field[:10]], "station": [s.pk for s in field[:4]]},
        follow=True,
    )
    assert not Award.objects.exists()
    assert "4" in response.content.decode()
    # Nothing typed is lost: the four marks stand for the next try.
    assert Shortlisted.objects.filter(selected=True).count() == 4


def test_the_best_n_are_marked_in_one_step(aid, field):
    shortlist_build(YEAR)
    assert shortlist_take_top(year=YEAR, n=3, by=aid) == 3
    marked = Shortlisted.objects.filter(selected=True).order_by("rank")
    assert [r.rank for r in marked] == [1, 2, 3]
    assert shortlist_take_top(year=YEAR, n=1, by=aid) == 1
    with pytest.raises(ValidationError):
        shortlist_take_top(year=YEAR, n=41, by=aid)


def test_a_left_out_station_cannot_be_marked(aid, field):
    shortlist_build(YEAR)
    newcomer = Shortlisted.objects.filter(rank__isnull=True).first()
    with pytest.raises(ValidationError):
        shortlist_mark(year=YEAR, shown=[newcomer.station_id], marked=[newcomer.station_id], by=aid)


def test_a_mark_that_no_longer_meets_the_rules_is_refused_at_saving(aid, field):
    """The shortlist is a reading at a time: a station revoked after it is refused when the
    titles are saved, by the rules as they stand."""
    from awards.services import award_selection_save

    shortlist_build(YEAR)
    shortlist_take_top(year=YEAR, n=2, by=aid)
    field[0].status = StationStatus.REVOKED
    field[0].save(update_fields=["status"])
    with pytest.raises(ValidationError):
        award_selection_save(year=YEAR, station_ids=[field[0].pk, field[1].pk], by=aid)
    assert not Award.objects.exists()


def test_working_it_out_again_keeps_the_marks_of_the_still_eligible(aid, field):
    shortlist_build(YEAR)
    shortlist_take_top(year=YEAR, n=2, by=aid)
    scores(operating_station(name="后来者"), [100] * 4, year=YEAR)
    award_year = shortlist_build(YEAR)
    assert award_year.shortlist_eligible == 41
    marked = set(Shortlisted.objects.filter(selected=True).values_list("station_id", flat=True))
    assert marked == {field[0].pk, field[1].pk}


def test_the_first_visit_asks_for_the_shortlist_and_shows_its_progress(
    client, aid, field, django_capture_on_commit_callbacks, tasks_in_process
):
    client.force_login(aid)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = _rows(client).content.decode()
    assert 'data-testid="shortlist-building"' in page
    assert AwardYear.objects.get(year=YEAR).shortlist_state == ShortlistState.BUILDING
    assert len(callbacks) == 1
    callbacks[0]()  # the job, here
    page = _rows(client).content.decode()
    assert 'data-testid="candidates"' in page and "shortlist-building" not in page


def test_bad_filter_values_say_so_and_show_the_list(client, aid, field):
    shortlist_build(YEAR)
    client.force_login(aid)
    page = _rows(client, "?min_mean=abc&union=999999&district=火星区").content.decode()
    assert 'data-testid="candidates"' in page


def test_a_title_is_found_by_its_station_or_plaque(client, aid, field, small_pages):
    from awards.services import award_selection_save

    shortlist_build(YEAR)
    award_selection_save(year=YEAR, station_ids=[s.pk for s in field[:3]], by=aid)
    client.force_login(aid)
    everything = _rows(client).content.decode()
    # Two a page per kind: the third excellent station is on the next page.
    assert everything.count('data-kind="excellent_station"') == 2
    found = _rows(client, f"?title_q={field[2].plaque_number}").content.decode()
    assert found.count('data-kind="excellent_station"') == 1
    assert found.count('data-kind="star_head"') == 1
    assert field[2].name in found


def test_marks_sent_while_it_is_worked_out_again_are_refused_with_the_reason(aid, field):
    from django.utils import timezone

    shortlist_build(YEAR)
    AwardYear.objects.filter(year=YEAR).update(
        shortlist_state=ShortlistState.BUILDING, shortlist_asked_at=timezone.now()
    )
    with pytest.raises(ValidationError, match="重新计算"):
        shortlist_take_top(year=YEAR, n=3, by=aid)
