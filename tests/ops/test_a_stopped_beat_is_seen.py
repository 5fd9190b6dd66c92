"""A stopped beat sends nothing and nothing fails: /healthz and /metrics must say so.

Beat stamps each schedule entry it sends (config/beat.py). Where a beat is expected
(BEAT_EXPECTED, on in production), /healthz answers 503 naming "beat" once an entry is
later than BEAT_MAX_LATE_SECONDS, and /metrics gives each entry's lateness.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from config.beat import stamp
from config.models import BeatRun
from tests.ops.metrics_text import value

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_expected(settings):
    settings.BEAT_EXPECTED = True
    settings.BEAT_MAX_LATE_SECONDS = 900


def _beat_ran(minutes_ago: float) -> None:
    """Beat started, and sent every entry due, ``minutes_ago``; nothing since."""
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    stamp(BeatRun.BEAT_STARTED, at)
    from django.conf import settings

    for name in settings.CELERY_BEAT_SCHEDULE:
        stamp(name, at)


def test_a_running_beat_is_healthy(client, beat_expected):
    _beat_ran(minutes_ago=1)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["beat"] == "ok"


def test_a_beat_stopped_an_hour_ago_makes_healthz_503_naming_beat(client, beat_expected):
    # The open-data build is due every five minutes: an hour without it is 55-60 minutes late.
    _beat_ran(minutes_ago=60)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["beat"] == "error"
    assert body["checks"]["database"] == "ok"
    assert "open-data-build" in body["beat_late"]


def test_the_metrics_say_how_late_each_entry_is(client, beat_expected):
    _beat_ran(minutes_ago=60)

    text = client.get("/metrics").content.decode()

    # Due at the first five-minute mark after the last run: 55 to 60 minutes ago.
    late = value(text, "relay_beat_late_seconds", schedule="open-data-build")
    assert 55 * 60 - 5 <= late <= 60 * 60
    assert value(text, "relay_beat_max_late_seconds") == 900
    assert value(text, "relay_beat_expected") == 1
    last = value(text, "relay_beat_last_run_timestamp_seconds", schedule="open-data-build")
    assert abs(last - (timezone.now() - dt.timedelta(minutes=60)).timestamp()) < 5


def test_lateness_within_the_limit_is_still_healthy(client, beat_expected, settings):
    # Ten minutes without a run: 5-10 minutes past the build's due time, under the limit.
    _beat_ran(minutes_ago=10)

    assert client.get("/healthz").status_code == 200
    settings.BEAT_MAX_LATE_SECONDS = 60
    assert client.get("/healthz").status_code == 503


def test_a_beat_that_never_started_is_not_healthy(client, beat_expected):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == "error"


def test_an_entry_never_sent_is_measured_from_beats_start(client, beat_expected):
    # A quarterly entry has no stamp until its day: beat started a minute ago is on time.
    stamp(BeatRun.BEAT_STARTED, timezone.now() - dt.timedelta(minutes=1))

    assert client.get("/healthz").status_code == 200


def test_without_an_expected_beat_healthz_does_not_ask(client, settings):
    settings.BEAT_EXPECTED = False

    response = client.get("/healthz")

    assert response.status_code == 200
    assert "beat" not in response.json()["checks"]


def test_beat_stamps_each_entry_it_sends(beat_expected):
    from celery.beat import ScheduleEntry

    from config.beat import StampingScheduler
    from config.celery_app import app

    scheduler = StampingScheduler(app, schedule_filename=None, lazy=True)
    scheduler.send_task = lambda *args, **kwargs: None  # no broker needed to send
    entry = ScheduleEntry(name="open-data-build", task="no.such.task", app=app)

    scheduler.apply_async(entry, advance=False)

    assert BeatRun.objects.get(schedule="open-data-build").last_run_at > timezone.now() - (
        dt.timedelta(seconds=5)
    )


def test_a_load_balancer_may_leave_beat_out(client, beat_expected):
    _beat_ran(minutes_ago=60)

    response = client.get("/healthz?skip=beat")

    assert response.status_code == 200
    assert "beat" not in response.json()["checks"]
