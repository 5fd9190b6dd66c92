"""The directory's pages are kept rendered for anonymous visitors as the station page is
(stations/public_cache.py; issue 26: the directory cost 24-61 times the anonymous trivial
view): a warm visit to the same filters touches no table, and a change to any station or
closure made through the models shows at once, on every page and filter."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stations.services.closures import closure_post
from stations.services.lifecycle import station_revoke

DIRECTORY = "/stations/"


def _entries(params=None) -> int:
    return (
        Client().get(DIRECTORY, params or {}).content.decode().count('data-testid="station-entry"')
    )


def test_a_warm_visit_to_the_same_filters_reads_no_table(public_station):
    public_station()
    for params in ({}, {"district": "黄浦区"}, {"open_now": "1"}, {"near": "31.2304,121.4737"}):
        first = Client().get(DIRECTORY, params)
        with CaptureQueriesContext(connection) as queries:
            again = Client().get(DIRECTORY, params)
        assert len(queries) == 0, params
        assert again.content == first.content


def test_each_filter_keeps_its_own_page(public_station):
    public_station(district="黄浦区")
    public_station(district="徐汇区")
    public_station(district="徐汇区")
    assert _entries({"district": "黄浦区"}) == 1
    assert _entries({"district": "徐汇区"}) == 2
    assert _entries() == 3


def test_a_new_station_and_a_revocation_show_at_once(public_station, world):
    first = public_station()
    assert _entries() == 1
    public_station()
    assert _entries() == 2
    station_revoke(station=first, by=world.aid, reason="多次检查不合格")
    assert _entries() == 1


def test_a_closure_shows_at_once(public_station, world):
    station = public_station()
    assert "closed-temporarily" not in Client().get(DIRECTORY).content.decode()
    today = timezone.localdate()
    closure_post(
        station=station, by=world.user_a, starts_on=today,
        ends_on=today + dt.timedelta(days=1), reason="停电",
    )  # fmt: skip
    assert "closed-temporarily" in Client().get(DIRECTORY).content.decode()


def test_staff_get_a_fresh_page(public_station, world):
    public_station()
    Client().get(DIRECTORY)
    staff = Client()
    staff.force_login(world.aid)
    with CaptureQueriesContext(connection) as queries:
        assert staff.get(DIRECTORY).status_code == 200
    assert any("stations_station" in q["sql"] for q in queries)
