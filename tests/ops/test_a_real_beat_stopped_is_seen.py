"""A real ``celery beat`` stamps its start and the entries it sends; once it is stopped and
its schedule's time passes, /healthz answers 503 naming beat (services pass)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from config.models import BeatRun
from tests.documents.helpers import wait_until
from tests.ops.servers import database_url

# serialized_rollback: the flush after each test would take the unions the data migration
# loaded; they are put back for the next test.
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _beat(tmp_path: Path) -> subprocess.Popen:
    log = tmp_path / "beat.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONUNBUFFERED": "1",
    }
    command = [str(Path(sys.executable).with_name("celery")), "-A", "config", "beat"]
    command += ["-s", str(tmp_path / "schedule"), "-l", "info"]
    return subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_beat_running_then_stopped(client, settings, tmp_path):
    settings.BEAT_EXPECTED = True
    assert client.get("/healthz").status_code == 503  # no beat has ever run

    beat = _beat(tmp_path)
    try:
        wait_until(
            lambda: BeatRun.objects.filter(schedule=BeatRun.BEAT_STARTED).exists(),
            60,
            "beat to stamp its start (see beat.log in the test's folder)",
        )
        assert client.get("/healthz").status_code == 200
    finally:
        os.killpg(beat.pid, signal.SIGTERM)
        beat.wait(timeout=30)

    # Stopped; an hour passes (its stamps grow old the way an hour would age them).
    hour = dt.timedelta(hours=1)
    for run in BeatRun.objects.all():
        BeatRun.objects.filter(pk=run.pk).update(last_run_at=run.last_run_at - hour)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == "error"
    assert "open-data-build" in response.json()["beat_late"]
    assert BeatRun.objects.get(schedule=BeatRun.BEAT_STARTED).last_run_at < timezone.now() - hour
