"""A withdrawn document (its record no longer stands behind it) is never served, made,
finished or retried again, whatever the worker was doing when it was withdrawn."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from documents.models import GeneratedDocument
from documents.services import document_request, document_retry, documents_withdraw
from documents.worker import document_render
from stations.documents.codes import Kind

State = GeneratedDocument.State


def test_a_ready_document_withdrawn_no_longer_downloads(make, station, world):
    document = make(Kind.PLEDGE, station)
    client = Client()
    client.force_login(world.user_a)
    url = f"/staff/documents/{document.pk}/download/"
    assert client.get(url).status_code == 200
    assert documents_withdraw(kind=Kind.PLEDGE, record_key=document.record_key) == 1
    document.refresh_from_db()
    assert document.state == State.WITHDRAWN
    assert client.get(url).status_code == 404


def test_a_queued_document_withdrawn_is_not_made_and_cannot_be_retried(station, world):
    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)  # not run
    documents_withdraw(kind=Kind.PLEDGE, record_key=document.record_key)
    assert document_render(document_id=document.pk, task_id="t1") is None
    document.refresh_from_db()
    assert document.state == State.WITHDRAWN and not document.file
    with pytest.raises(ValidationError):
        document_retry(document=document, by=world.aid)


def test_a_render_finishing_after_the_withdrawal_leaves_it_withdrawn(station, world, monkeypatch):
    from documents import worker

    document = document_request(kind=Kind.PLEDGE, record=station, by=world.aid)
    real = worker.render_pdf

    def withdrawn_meanwhile(kind, payload):
        documents_withdraw(kind=Kind.PLEDGE, record_key=document.record_key)
        return real(kind, payload)

    monkeypatch.setattr(worker, "render_pdf", withdrawn_meanwhile)
    assert document_render(document_id=document.pk, task_id="t1") is None
    document.refresh_from_db()
    assert document.state == State.WITHDRAWN and not document.file
