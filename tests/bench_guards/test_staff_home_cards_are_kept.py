"""The staff home's cards are drawn once and kept per user (issue 13: some twenty queries
and ninety rows on every visit at national size), and every change to what they show,
made by this user or another, reaches the next visit at once (config/dashboards.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config import dashboards
from stations.models import Pledge, Station, StationStatus
from stations.services.records import pledge_update
from tests.factories import FilingFormFactory, StationFactory
from unions.models import SecurityEvent

HOME = "/staff/"
# The tables the cards of the union and aid-center homes read.
CARD_TABLES = (
    "stations_station",
    "stations_filingform",
    "stations_pledge",
    "stations_insurancepolicy",
    "inspections_rectification",
    "inspections_appeal",
)


def _visit(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def _content(page: str) -> str:
    """The page's own part (the navigation bar holds a new CSRF token on each answer)."""
    return page[page.index('data-testid="home-title"') : page.index("</main>")]


def _card_queries(queries: list[str]) -> list[str]:
    return [q for q in queries if any(f'"{table}"' in q for table in CARD_TABLES)]


def _submitted(union, name: str) -> Station:
    return StationFactory(
        filing=FilingFormFactory(union=union), name=name, status=StationStatus.SUBMITTED
    )


@pytest.mark.parametrize("who", ["user_a", "aid"])
def test_a_second_visit_reads_no_card_table(client, world, who):
    _submitted(world.union_a, "黄浦待审站")
    client.force_login(getattr(world, who))

    first, first_queries = _visit(client)
    second, second_queries = _visit(client)

    assert _card_queries(first_queries)
    assert _card_queries(second_queries) == []
    assert _content(second) == _content(first)
    assert "黄浦待审站" in second


@pytest.mark.parametrize("who", ["user_a", "aid", "inspector"])
def test_a_first_visit_makes_as_many_queries_however_many_rows(client, world, who):
    client.force_login(getattr(world, who))
    # One row in each card the many fill: a card counted empty reads no rows at all.
    _submitted(world.union_a, "一站")
    StationFactory(filing=world.filing_a, status=StationStatus.RECTIFYING)
    few = len(_visit(client)[1])
    for n in range(15):
        _submitted(world.union_a, f"待审站{n}")
        StationFactory(filing=world.filing_a, status=StationStatus.RECTIFYING)
    # A new station drops the copy: this visit counts and lists again.
    many = len(_visit(client)[1])

    assert many == few


@pytest.mark.usefixtures("_english")
def test_a_card_counted_empty_reads_no_rows(client, world):
    client.force_login(world.aid)

    def lists_and_empty_cards() -> tuple[int, int, str]:
        page, queries = _visit(client)
        cards = page.count('data-testid="work-card"')
        empty = page.count("Nothing pending.")
        # A card's rows are read ten at most; its count has no limit.
        lists = [q for q in queries if re.search(r"LIMIT 10\b", q)]
        assert cards and len(lists) == cards - empty
        return len(lists), empty, page

    lists, empty, page = lists_and_empty_cards()
    assert "Nothing pending." in _card(page, "Stations under rectification")
    StationFactory(filing=world.filing_a, name="整改中站", status=StationStatus.RECTIFYING)
    more_lists, fewer_empty, page = lists_and_empty_cards()
    assert "整改中站" in _card(page, "Stations under rectification")
    # The station fills its card (and any other it belongs to), each now read.
    assert more_lists - lists == empty - fewer_empty >= 1


def _card(page: str, title: str) -> str:
    """The HTML of the card headed ``title`` (the page is in English: see _english)."""
    start = page.index(f"<span>{title}</span>")
    end = page.find('data-testid="work-card"', start)
    return page[start : end if end != -1 else None]


@pytest.fixture
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.mark.usefixtures("_english")
def test_a_station_the_aid_center_returns_leaves_its_list_and_reaches_the_union(client, world):
    station = _submitted(world.union_a, "黄浦待审站")
    clerk = client.__class__()
    clerk.force_login(world.user_a)
    client.force_login(world.aid)
    assert "黄浦待审站" in _card(_visit(client)[0], "Stations awaiting review")
    assert "黄浦待审站" not in _card(_visit(clerk)[0], "Stations returned for changes")

    response = client.post(
        reverse("stations:station_action", args=[station.pk]),
        {"action": "return", "reason": "照片不清楚"},
    )
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.status == StationStatus.RETURNED

    assert "黄浦待审站" not in _card(_visit(client)[0], "Stations awaiting review")
    # The union's copy, kept from before the change, is drawn again too.
    page = _visit(clerk)[0]
    assert "黄浦待审站" in _card(page, "Stations returned for changes")
    assert "黄浦待审站" not in _card(page, "Stations awaiting review")


def test_a_received_pledge_leaves_the_overdue_list(client, world):
    station = StationFactory(
        filing=world.filing_a, name="黄浦逾期站", status=StationStatus.APPROVED
    )
    pledge = Pledge.objects.create(
        station=station,
        union=world.union_a,
        pledging_unit="单位",
        service_hours="9-17",
        head_name="张三",
        due_by=timezone.localdate() - dt.timedelta(days=3),
    )
    client.force_login(world.user_a)
    assert "黄浦逾期站 · " in _visit(client)[0]

    pledge_update(pledge=pledge, by=world.aid, received_on=timezone.localdate())

    assert "黄浦逾期站 · " not in _visit(client)[0]


def test_copies_are_each_users_own(client, world):
    _submitted(world.union_a, "黄浦待审站")
    _submitted(world.union_b, "徐汇待审站")
    client.force_login(world.user_a)
    assert "黄浦待审站" in _visit(client)[0]

    client.force_login(world.user_b)
    page = _visit(client)[0]

    assert "徐汇待审站" in page
    assert "黄浦待审站" not in page


def test_the_copy_is_of_the_users_language(client, world, settings):
    # Only Chinese is offered today; a copy must not outlive a second language.
    settings.LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
    client.force_login(world.aid)
    assert "Stations awaiting review" not in client.get(HOME).content.decode()

    client.cookies["django_language"] = "en"
    page = client.get(HOME, headers={"accept-language": "en"}).content.decode()

    assert "Stations awaiting review" in page


def test_the_copy_is_of_the_day(world, monkeypatch):
    today = dt.date(2026, 7, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    before = dashboards.cache_key(world.user_a)

    today = dt.date(2026, 7, 2)

    assert dashboards.cache_key(world.user_a) != before


def test_a_change_committed_later_drops_the_copy_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        _submitted(world.union_a, "黄浦待审站")
        during = dashboards.cache_key(world.aid)
    assert callbacks

    for callback in callbacks:
        callback()

    assert dashboards.cache_key(world.aid) != during


def test_the_administrators_card_is_not_kept(client, world):
    client.force_login(world.admin)
    client.get(HOME)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOCKED_OUT, username="intruder_z", ip_address="10.0.0.9"
    )

    assert "intruder_z" in _visit(client)[0]


def test_no_copy_is_kept_when_turned_off(client, world, settings):
    settings.STAFF_HOME_CACHE_SECONDS = 0
    client.force_login(world.aid)
    client.get(HOME)

    assert _card_queries(_visit(client)[1])


def _tables(queries: list[str]) -> set[str]:
    return {name for query in queries for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', query)}


@pytest.mark.parametrize("who", ["user_a", "aid", "inspector", "inspector_own"])
def test_every_table_the_cards_read_drops_the_copy(client, world, who):
    """What a cold visit reads beyond a warm one is the cards' own: each such table is of a
    model in WORK_MODELS, so a change to it reaches the next visit."""
    _submitted(world.union_a, "黄浦待审站")
    StationFactory(filing=world.filing_a, status=StationStatus.RECTIFYING)
    client.force_login(getattr(world, who))

    cold = _tables(_visit(client)[1])
    warm = _tables(_visit(client)[1])

    watched = {model._meta.db_table for model in dashboards.WORK_MODELS}
    assert cold - warm
    assert cold - warm <= watched
