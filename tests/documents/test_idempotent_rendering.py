"""Same record and version: one row, one file, no duplicate work, whatever is delivered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from documents import worker
from documents.models import GeneratedDocument
from documents.services import document_request
from documents.tasks import render_document
from documents.worker import document_render
from stations.documents.codes import Kind

from .helpers import read_file

State = GeneratedDocument.State


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs actually drawn."""
    calls = []
    real = worker.render_pdf

    def counting(kind, payload):
        calls.append(kind)
        return real(kind, payload)

    monkeypatch.setattr(worker, "render_pdf", counting)
    return calls


def _files(document) -> list[Path]:
    return sorted(Path(document.file.path).parent.glob("*"))


def test_asking_twice_is_one_row_and_one_render(make, station, renders):
    first = make(Kind.PLEDGE, station)
    second = make(Kind.PLEDGE, station)
    assert first.pk == second.pk
    assert GeneratedDocument.objects.filter(kind=Kind.PLEDGE).count() == 1
    assert renders == [Kind.PLEDGE]
    assert second.state == State.READY
    assert second.attempts == 1


def test_an_edited_record_is_a_new_version_and_the_old_file_stays(make, station):
    before = make(Kind.PLEDGE, station)
    station.name = "南京东路第二爱心接力站"
    station.save(update_fields=["name"])
    after = make(Kind.PLEDGE, station)
    assert after.pk != before.pk
    assert after.version != before.version
    before.refresh_from_db()
    assert before.is_ready and Path(before.file.path).exists()


def test_the_version_depends_on_the_content_not_on_when_it_was_asked(station, world):
    first = document_request(kind=Kind.PLAQUE, record=station, by=world.aid)
    station.updated_at = timezone.now() + dt.timedelta(days=3)
    station.save(update_fields=["updated_at"])
    again = document_request(kind=Kind.PLAQUE, record=station, by=world.user_a)
    assert again.pk == first.pk


def test_a_duplicate_delivery_of_a_ready_document_does_no_work(make, station, renders):
    document = make(Kind.PLEDGE, station)
    mtime = Path(document.file.path).stat().st_mtime_ns
    assert render_document.apply(args=[document.pk]).get() == "skipped"
    document.refresh_from_db()
    assert document.attempts == 1
    assert renders == [Kind.PLEDGE]
    assert Path(document.file.path).stat().st_mtime_ns == mtime


def test_a_redelivered_task_takes_over_its_own_dead_claim(station, world):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    # The first delivery claimed it and its worker was killed mid-render.
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=State.RENDERING, task_id="task-1", attempts=1, started_at=timezone.now()
    )
    rendered = document_render(document_id=document.pk, task_id="task-1")
    assert rendered is not None and rendered.state == State.READY
    assert rendered.attempts == 2


def test_another_task_stands_back_from_a_live_claim(station, world, renders):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=State.RENDERING, task_id="task-1", attempts=1, started_at=timezone.now()
    )
    assert document_render(document_id=document.pk, task_id="task-2") is None
    document.refresh_from_db()
    assert (document.state, document.task_id, document.attempts) == (State.RENDERING, "task-1", 1)
    assert renders == []


def test_a_claim_older_than_the_lease_is_taken_over(station, world):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.DOCUMENT_RENDER_LEASE_SECONDS + 5)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=State.RENDERING, task_id="task-1", attempts=1, started_at=long_ago
    )
    rendered = document_render(document_id=document.pk, task_id="task-2")
    assert rendered.state == State.READY
    assert rendered.task_id == "task-2"


def test_a_file_left_by_an_interrupted_try_is_replaced_not_duplicated(station, world):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    # A worker wrote the file, then died before marking the row ready.
    name = worker.file_name(document)
    storage = GeneratedDocument._meta.get_field("file").storage
    storage.save(name, ContentFile(b"half a PDF"))
    rendered = document_render(document_id=document.pk, task_id="task-2")
    assert rendered.file.name == name
    assert read_file(rendered).startswith(b"%PDF")
    assert [p.name for p in _files(rendered)] == [Path(name).name]


def test_a_message_that_keeps_killing_its_worker_is_given_up(station, world, renders):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        state=State.RENDERING, task_id="task-1", attempts=worker.MAX_ATTEMPTS
    )
    assert document_render(document_id=document.pk, task_id="task-1") is None
    document.refresh_from_db()
    assert document.state == State.FAILED
    assert str(worker.MAX_ATTEMPTS) in document.error
    assert renders == []


def test_a_document_deleted_with_its_record_is_skipped(station, world):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    GeneratedDocument.objects.filter(pk=document.pk).delete()
    assert render_document.apply(args=[document.pk]).get() == "skipped"


def test_rendering_the_same_version_again_gives_the_same_bytes(station, world):
    document = document_request(kind=Kind.PLAQUE, record=station, by=world.aid)
    first = worker.render_pdf(document.kind, document.payload)
    second = worker.render_pdf(document.kind, document.payload)
    assert first == second
