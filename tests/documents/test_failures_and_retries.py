"""A failing render is retried with backoff, then shown as failed with a retry button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.celery_app import app
from documents import services, worker
from documents.models import GeneratedDocument
from documents.tasks import render_document
from documents.worker import DocumentRenderError
from stations.documents.codes import Kind

State = GeneratedDocument.State


@pytest.fixture
def broken(monkeypatch):
    """render_pdf fails the first ``failures`` times, then works."""
    state = {"failures": 99, "calls": 0}
    real = worker.render_pdf

    def flaky(kind, payload):
        state["calls"] += 1
        if state["calls"] <= state["failures"]:
            raise RuntimeError("font server on fire")
        return real(kind, payload)

    monkeypatch.setattr(worker, "render_pdf", flaky)
    return state


def test_the_task_is_configured_to_survive_a_killed_worker():
    # Acknowledge after the task ran, and requeue when its worker process dies (Celery
    # docs, "acks_late" and task_reject_on_worker_lost); prefetch one message at a time.
    assert render_document.acks_late is True
    assert render_document.reject_on_worker_lost is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert render_document.autoretry_for == (DocumentRenderError,)
    assert render_document.retry_backoff and render_document.max_retries == 3


def test_a_render_that_fails_once_is_retried_and_ends_ready(make, station, broken):
    broken["failures"] = 1
    document = make(Kind.PLEDGE, station)
    assert document.state == State.READY
    assert document.attempts == 2
    assert document.error == ""


def test_a_render_that_keeps_failing_ends_failed_with_its_error(make, station, broken):
    document = make(Kind.PLEDGE, station)
    assert document.state == State.FAILED
    assert document.attempts == 1 + render_document.max_retries
    assert "font server on fire" in document.error
    assert not document.file


def test_the_retry_button_makes_a_failed_document(
    make, station, broken, client, world, django_capture_on_commit_callbacks
):
    document = make(Kind.PLEDGE, station)
    broken["failures"] = 0
    client.force_login(world.user_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:retry", args=[document.pk]),
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 202
    document.refresh_from_db()
    assert document.state == State.READY
    assert document.attempts == 1


def test_asking_again_for_a_failed_document_retries_it(make, station, broken):
    failed = make(Kind.PLEDGE, station)
    broken["failures"] = 0
    again = make(Kind.PLEDGE, station)
    assert again.pk == failed.pk
    assert again.state == State.READY


def test_only_a_failed_document_can_be_retried(make, station, client, world):
    document = make(Kind.PLEDGE, station)
    client.force_login(world.user_a)
    response = client.post(
        reverse("documents:retry", args=[document.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_retry_is_post_only(make, station, client, world):
    document = make(Kind.PLEDGE, station)
    client.force_login(world.user_a)
    assert client.get(reverse("documents:retry", args=[document.pk])).status_code == 405


def test_a_broker_outage_shows_the_document_failed_with_a_retry(
    station, world, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    # Services mode (a worker behind Redis), with Redis down.
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(render_document, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind=Kind.PLEDGE, record=station, by=world.user_a)
    document.refresh_from_db()
    assert document.state == State.FAILED
    assert "broker unreachable" in document.error
