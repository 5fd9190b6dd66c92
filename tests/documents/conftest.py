"""Fixtures for the documents tests: numbered stations with their records, PDF readers, and
a real Celery worker (services pass only)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from documents.models import GeneratedDocument
from stations.models import Agreement, Pledge

from .helpers import numbered_station, wait_until

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _tasks_in_process_unless_a_worker_runs(request, monkeypatch):
    """Without a worker fixture, tasks run in the test's process, in both CI passes (with
    REDIS_URL set they would otherwise wait in Redis for a worker that never comes)."""
    if "start_worker" not in request.fixturenames:
        from config.celery_app import app

        monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def station(world):
    return numbered_station(
        world.filing_a,
        world.host_a,
        1,
        name="南京东路支行爱心接力站",
        address="南京东路100号",
        opening_hours_text="9:00-17:00",
    )


@pytest.fixture
def pledge(station, world):
    return Pledge.objects.create(
        station=station,
        union=world.union_a,
        pledging_unit="中国工商银行南京东路支行",
        service_hours="每日 8:30-18:00",
        head_name="李红",
        due_by=dt.date(2018, 7, 15),
    )


@pytest.fixture
def agreement(world, station):
    second = numbered_station(world.filing_a, world.host_a, 2, name="外滩支行爱心接力站")
    agreement = Agreement.objects.create(
        union=world.union_a,
        host_unit=world.host_a,
        party_b="、".join(settings.PARTY_B_NAMES),
        signatory_a="张行长",
        signatory_b="王主任",
        signed_on=dt.date(2018, 7, 1),
    )
    agreement.stations.set([station, second])
    return agreement


@pytest.fixture
def make(django_capture_on_commit_callbacks, world):
    """Ask for a document and run what is queued after commit (eager Celery)."""
    from documents.services import document_request

    def run(kind: str, record, by=None) -> GeneratedDocument:
        with django_capture_on_commit_callbacks(execute=True):
            document = document_request(kind=kind, record=record, by=by or world.aid)
        document.refresh_from_db()
        return document

    return run


# --- A real worker (services pass) --------------------------------------------------------


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def child_pids(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in text.split()]

    def kill(self) -> None:
        """SIGKILL the whole worker, main process and pool child alike."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Warm shutdown: the main process lets its pool process finish and clean up."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("the worker tests need DATABASE_URL pointing at PostgreSQL", pytrace=False)
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _forget_queued_messages() -> None:
    """Leftovers of an earlier run (kombu's Redis layout) would run against this database."""
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


@pytest.fixture
def start_worker(transactional_db, settings, tmp_path) -> Iterator[Callable[..., Worker]]:
    """Start ``celery worker`` processes against this test's database and media folder.

    The tests use ``django_db(transaction=True)``: rows are committed, so the worker, a
    separate process with its own connection, sees them.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("the worker tests need REDIS_URL (tasks are eager without it)", pytrace=False)
    _forget_queued_messages()
    workers: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        n = len(workers) + 1
        log = tmp_path / f"worker-{n}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        env.pop("CELERY_TASK_ALWAYS_EAGER", None)
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "config",
            "worker",
            "-P",
            "prefork",
            "-c",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"docs-test-{n}@%h",
            "-l",
            "info",
        ]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes the pool too
        )
        worker = Worker(process=process, log=log)
        workers.append(worker)
        wait_until(lambda: "ready." in worker.tail(200), 60, "the worker to start", worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    _forget_queued_messages()
