"""A real Celery worker, killed with SIGKILL mid-render: the document still arrives, once.

Services pass only (PostgreSQL, Redis, ``celery worker`` subprocesses). The killed renders
are of a test-only kind, a pledge that sleeps a few seconds before it is drawn
(tests/documents/slow, installed by the test settings), so that the kill lands while the
document shows "rendering".
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from documents.models import GeneratedDocument
from documents.services import document_request
from stations.documents.codes import Kind

from .helpers import pdf_text, read_file, wait_until
from .slow.apps import SLOW_PLEDGE

pytestmark = [
    pytest.mark.services,
    # Committed rows, so that the worker (another process) sees them; serialized rollback
    # restores the unions of the data migration after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

State = GeneratedDocument.State


def _state(document: GeneratedDocument) -> str:
    document.refresh_from_db()
    return document.state


def _files(document: GeneratedDocument) -> list[Path]:
    return sorted(p for p in Path(document.file.path).parent.iterdir() if p.is_file())


def _assert_delivered_once(document: GeneratedDocument) -> None:
    document.refresh_from_db()
    assert document.state == State.READY, document.error
    assert GeneratedDocument.objects.filter(kind=document.kind).count() == 1
    assert [p.name for p in _files(document)] == [Path(document.file.name).name]
    assert "站点编号：SH00001" in pdf_text(read_file(document))


def test_a_real_worker_makes_a_requested_pledge(start_worker, station, world):
    worker = start_worker()
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    wait_until(lambda: _state(document) == State.READY, 60, "the pledge", worker)
    _assert_delivered_once(document)
    assert document.attempts == 1
    assert document.worker.split(":")[-1] in {str(pid) for pid in worker.child_pids()}


def test_a_pool_process_killed_mid_render_still_delivers_the_pledge_once(
    start_worker, station, world
):
    worker = start_worker()
    document = document_request(kind=SLOW_PLEDGE, record=station, by=world.aid)
    wait_until(lambda: _state(document) == State.RENDERING, 30, "rendering", worker)
    victim = int(document.worker.rsplit(":", 1)[1])
    assert victim in worker.child_pids()
    first_task = document.task_id

    os.kill(victim, signal.SIGKILL)

    # acks_late + reject_on_worker_lost: the message goes back on the queue and the
    # worker's fresh pool process runs it again.
    wait_until(lambda: _state(document) == State.READY, 60, "the pledge after the kill", worker)
    _assert_delivered_once(document)
    assert document.attempts == 2
    assert document.task_id == first_task  # the same message, redelivered
    assert int(document.worker.rsplit(":", 1)[1]) != victim
    assert "SIGKILL" in worker.tail(400) or "signal 9" in worker.tail(400)


def test_a_whole_worker_killed_mid_render_is_replaced_and_the_pledge_arrives_once(
    start_worker, station, world
):
    # Redis gives an unacknowledged message to another worker after the visibility
    # timeout, shortened here from an hour to three seconds.
    env = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = start_worker(**env)
    document = document_request(kind=SLOW_PLEDGE, record=station, by=world.aid)
    wait_until(lambda: _state(document) == State.RENDERING, 30, "rendering", first)
    first_task = document.task_id

    first.kill()
    assert _state(document) == State.RENDERING  # nobody left to finish it
    # A replacement restores unacknowledged messages older than the visibility timeout when
    # it starts, then only every ~100 s (kombu's restore sweep): start it after the timeout.
    time.sleep(4)

    second = start_worker(**env)
    wait_until(lambda: _state(document) == State.READY, 90, "the pledge on the new worker", second)
    _assert_delivered_once(document)
    assert document.attempts == 2
    assert document.task_id == first_task
