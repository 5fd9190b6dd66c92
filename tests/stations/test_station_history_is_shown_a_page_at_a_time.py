"""A station's staff page shows its newest changes, and the earlier ones a page at a time
(issue 26: the busiest station's 300 changes were drawn whole, most of a 400 ms page);
following "earlier" shows every status move and record change once, oldest first on
each page."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from history.models import RecordChange
from stations import selectors
from stations.models import StationTransition

pytestmark = pytest.mark.django_db


def _history(world, count: int, monkeypatch) -> list[tuple[str, int]]:
    """Moves and changes alternating, a minute apart, two of them at the same instant (the
    history is append-only: the time is set as each is written, never changed after)."""
    made = []
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(count):
        at = start + dt.timedelta(minutes=n if n != 5 else 4)
        monkeypatch.setattr(timezone, "now", lambda at=at: at)
        if n % 2:
            entry = StationTransition.objects.create(
                station=world.station_a, from_status="draft", to_status="submitted", by=world.aid
            )
        else:
            entry = RecordChange.objects.create(
                union=world.union_a, record="station", record_id=world.station_a.pk,
                station=world.station_a, action="edited", by=world.user_a,
            )  # fmt: skip
        made.append((type(entry).__name__, entry.pk))
    monkeypatch.undo()
    return made


def test_following_earlier_shows_every_entry_once(world, monkeypatch):
    made = _history(world, 8, monkeypatch)
    monkeypatch.setattr(selectors, "HISTORY_SHOWN", 3)
    pages, before = [], None
    while True:
        entries, before = selectors.station_history(world.station_a, world.aid, before)
        pages.append([(type(e).__name__, e.pk) for e in entries])
        if not before:
            break
    seen = [entry for page in reversed(pages) for entry in page]
    assert sorted(seen) == sorted(made) and len(seen) == 8
    assert [len(page) for page in pages] == [3, 3, 2]
    # Oldest first within each page, and each page older than the one before it.
    times = [e.at for page in reversed(pages) for e in _rows(page)]
    assert times == sorted(times)


def _rows(page):
    return [
        (StationTransition if kind == "StationTransition" else RecordChange).objects.get(pk=pk)
        for kind, pk in page
    ]


def test_the_page_links_to_the_earlier_changes(client, world, monkeypatch):
    _history(world, 5, monkeypatch)
    monkeypatch.setattr(selectors, "HISTORY_SHOWN", 3)
    client.force_login(world.aid)
    url = reverse("stations:staff_detail", args=[world.station_a.pk])
    page = client.get(url, {"history": 1})
    assert len(page.context["history"]) == 3
    link = page.content.decode().split('data-testid="history-earlier"')[0].rsplit('href="', 1)[1]
    before = parse_qs(urlparse(link.split('"')[0].replace("&amp;", "&")).query)["history_before"]
    earlier = client.get(url, {"history_before": before[0]})
    assert len(earlier.context["history"]) == 2 and not earlier.context["history_earlier"]


def test_the_history_is_read_only_when_asked_for(client, world, monkeypatch):
    # Issue 26: two statements and thirty entries were a sixth of the busiest station's page,
    # for a card most visits never read; the page offers it behind one link.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _history(world, 5, monkeypatch)
    client.force_login(world.aid)
    url = reverse("stations:staff_detail", args=[world.station_a.pk])
    with CaptureQueriesContext(connection) as read:
        page = client.get(url)
    html = page.content.decode()
    assert 'data-testid="history"' not in html and page.context["history"] == []
    tables = " ".join(q["sql"] for q in read.captured_queries)
    assert "stations_stationtransition" not in tables and "history_recordchange" not in tables
    link = html.split('data-testid="history-show"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert link == "?history=1#history" and "查看变更记录" in html
    shown = client.get(url + link.split("#")[0])
    assert len(shown.context["history"]) == 5
    assert 'data-testid="history"' in shown.content.decode()


def test_the_latest_link_of_an_earlier_page_keeps_the_history_open(client, world, monkeypatch):
    _history(world, 5, monkeypatch)
    monkeypatch.setattr(selectors, "HISTORY_SHOWN", 3)
    client.force_login(world.aid)
    url = reverse("stations:staff_detail", args=[world.station_a.pk])
    first = client.get(url, {"history": 1})
    before = first.context["history_earlier"]
    earlier = client.get(url, {"history_before": before}).content.decode()
    latest = earlier.split("最新的变更")[0].rsplit('href="', 1)[1].split('"')[0]
    back = client.get(url + latest.replace("&amp;", "&").split("#")[0])
    assert len(back.context["history"]) == 3 and back.context["history_earlier"] == before
