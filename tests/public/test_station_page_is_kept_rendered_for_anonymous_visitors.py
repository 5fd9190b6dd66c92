"""The QR code's landing page is kept rendered (stations/public_cache.py): a warm anonymous
visit touches no table, yet each visitor gets a CSRF token of their own, staff always get a
fresh page, and changes made through the models show at once."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stations.services.closures import closure_post
from stations.services.lifecycle import station_revoke
from tests.factories import station_changed

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _get(client, station):
    return client.get(f"/stations/{station.plaque_number}/")


def test_a_warm_visit_reads_no_table(public_station):
    station = public_station()
    first = _get(Client(), station)
    with CaptureQueriesContext(connection) as queries:
        again = _get(Client(), station)
    assert again.status_code == 200
    assert len(queries) == 0
    assert again.content.decode().count(station.name) == first.content.decode().count(station.name)


def test_each_visitor_gets_a_token_that_works_for_the_tap(public_station):
    station = public_station()
    _get(Client(), station)  # fills the cache
    worker = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.9.9.1")
    page = _get(worker, station).content.decode()
    token = TOKEN.search(page).group(1)
    assert "@@csrf" not in page
    tapped = worker.post(
        f"/stations/{station.plaque_number}/visit/", {"csrfmiddlewaretoken": token}
    )
    assert tapped.status_code == 302
    # The thanks message is the worker's own: that page is rendered for them, not shared.
    thanked = worker.get(tapped["Location"]).content.decode()
    assert 'data-visits="1"' in thanked
    assert 'data-visits="1"' in _get(Client(), station).content.decode()


def test_staff_get_a_fresh_page(public_station, world):
    station = public_station()
    _get(Client(), station)
    staff = Client()
    staff.force_login(world.aid)
    with CaptureQueriesContext(connection) as queries:
        assert _get(staff, station).status_code == 200
    assert any("stations_station" in q["sql"] for q in queries)


def test_a_revoked_plaque_and_a_closure_show_at_once(public_station, world):
    station = public_station()
    assert 'data-stage="valid"' in _get(Client(), station).content.decode()

    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    closure_post(
        station=station,
        by=world.user_a,
        starts_on=today,
        ends_on=today + dt.timedelta(days=2),
        reason="装修暂停",
    )
    assert "装修暂停" in _get(Client(), station).content.decode()

    station_revoke(station=station, by=world.aid, reason="多次检查不合格")
    assert 'data-stage="revoked"' in _get(Client(), station).content.decode()


def test_each_process_keeps_its_own_copy_for_seconds_in_front_of_the_shared_one(
    public_station, settings
):
    from django.core.cache import cache, caches

    station = public_station(name="本地副本站")
    _get(Client(), station)
    cache.clear()  # the shared copy gone (Redis restarted, or expired)

    with CaptureQueriesContext(connection) as queries:
        again = _get(Client(), station)
    assert len(queries) == 0 and "本地副本站" in again.content.decode()

    # A change made here drops this process's copy too: it shows at once.
    station_changed(station, name="改名站")
    assert "改名站" in _get(Client(), station).content.decode()

    # Turned off, only the shared copy is kept.
    settings.PUBLIC_PAGE_LOCAL_SECONDS = 0
    caches["pages-local"].clear()
    _get(Client(), station)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        _get(Client(), station)
    assert any("stations_station" in q["sql"] for q in queries)
