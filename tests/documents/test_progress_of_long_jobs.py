"""A long job tells its progress, and each report keeps its claim alive (the lease)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from documents.models import GeneratedDocument
from documents.worker import _progress, document_is_stuck

State = GeneratedDocument.State


def _rendering(task_id: str) -> GeneratedDocument:
    long_ago = timezone.now() - dt.timedelta(hours=2)
    document = GeneratedDocument.objects.create(
        kind="registry_xlsx",
        record_key="registry:u1-20240101-0000",
        version="v",
        state=State.RENDERING,
        task_id=task_id,
        started_at=long_ago,
    )
    GeneratedDocument.objects.filter(pk=document.pk).update(updated_at=long_ago)
    document.refresh_from_db()
    return document


def test_a_report_records_rows_done_and_renews_the_claim(db):
    document = _rendering("task-1")
    assert document_is_stuck(document)
    _progress(document.pk, "task-1")(1000, 200000)
    document.refresh_from_db()
    assert (document.progress_done, document.progress_total) == (1000, 200000)
    assert document.progress_percent == 0
    assert not document_is_stuck(document)
    assert document.started_at > timezone.now() - dt.timedelta(minutes=1)


def test_a_task_that_lost_its_claim_reports_nothing(db):
    document = _rendering("task-2")
    _progress(document.pk, "another-task")(1000, 200000)
    document.refresh_from_db()
    assert document.progress_total == 0
    assert document_is_stuck(document)


def test_percent_never_passes_a_hundred(db):
    document = GeneratedDocument(progress_done=12, progress_total=10)
    assert document.progress_percent == 100
    assert GeneratedDocument(progress_done=5, progress_total=0).progress_percent == 0
