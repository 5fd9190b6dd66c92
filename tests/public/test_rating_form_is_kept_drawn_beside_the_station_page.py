"""The rating form a worker opens from the plaque's page is kept drawn beside that page
(stations/public_cache.py, issue 26): a warm visit reads no table, yet each phone gets its
own CSRF token, a phone that already rated the station today is still told so, and a change
to the station shows at once."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stations.models import Feedback
from stations.services.lifecycle import station_revoke
from tests.factories import station_changed

from .feedback_helpers import phone, rate

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _form(client, station, plaque=None):
    return client.get(f"/stations/{plaque or station.plaque_number}/feedback/")


def test_a_warm_visit_reads_no_table_and_the_form_still_posts(public_station):
    station = public_station(name="保温杯驿站")
    first = _form(phone("10.2.0.1"), station).content.decode()

    worker = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.2.0.2")
    with CaptureQueriesContext(connection) as queries:
        again = _form(worker, station)
    page = again.content.decode()
    assert again.status_code == 200
    assert len(queries) == 0
    assert page.count("保温杯驿站") == first.count("保温杯驿站") == 1
    assert "@@csrf" not in page
    # A new phone is still given its id with the kept copy, so its rating counts against it.
    assert again.cookies

    token = TOKEN.search(page).group(1)
    assert token not in first
    sent = worker.post(
        f"/stations/{station.plaque_number}/feedback/",
        {"csrfmiddlewaretoken": token, "rating": 5},
    )
    assert sent.status_code == 200
    assert Feedback.objects.filter(station=station, rating=5).count() == 1


def test_a_phone_that_rated_today_is_told_so_though_a_copy_is_kept(public_station):
    station = public_station()
    _form(phone("10.2.1.1"), station)  # keeps the copy
    worker = phone("10.2.1.2")
    assert rate(worker, station).status_code == 200

    page = _form(worker, station).content.decode()
    assert 'data-limit="device"' in page
    assert 'data-testid="feedback-form"' not in page
    # Its answer was drawn for it and not kept: the next phone still gets the form.
    assert 'data-testid="feedback-form"' in _form(phone("10.2.1.3"), station).content.decode()


def test_a_renamed_or_revoked_station_shows_at_once(public_station, world):
    station = public_station(name="旧名字站")
    assert "旧名字站" in _form(phone(), station).content.decode()

    station_changed(station, name="新名字站")
    assert "新名字站" in _form(phone(), station).content.decode()

    station_revoke(station=station, by=world.aid, reason="多次检查不合格")
    page = _form(phone(), station).content.decode()
    assert 'data-testid="feedback-closed"' in page
    assert 'data-testid="feedback-form"' not in page


def test_only_the_plaques_own_spelling_is_kept(public_station):
    station = public_station()
    lower = station.plaque_number.lower()
    assert _form(phone(), station, plaque=lower).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        assert _form(phone(), station, plaque=lower).status_code == 200
    assert any("stations_station" in q["sql"] for q in queries)


def test_staff_get_a_fresh_form(public_station, world):
    station = public_station()
    _form(phone(), station)
    staff = Client()
    staff.force_login(world.aid)
    with CaptureQueriesContext(connection) as queries:
        assert _form(staff, station).status_code == 200
    assert any("stations_station" in q["sql"] for q in queries)
