"""A whole worker lost (machine gone, process group killed) leaves its unacknowledged job in
Redis; another worker gets it after the visibility timeout, which is minutes, not kombu's
default hour. tests/documents/test_worker_kill.py shows the redelivery with a real worker
and the timeout shortened to seconds; this checks the shipped default."""

from __future__ import annotations

import os

import pytest

from config.celery_app import app


@pytest.mark.skipif(
    "CELERY_VISIBILITY_TIMEOUT" in os.environ, reason="the environment sets its own timeout"
)
def test_the_default_visibility_timeout_is_five_minutes():
    assert app.conf.broker_transport_options["visibility_timeout"] == 300


def test_the_timeout_outlasts_the_retry_backoff_of_a_document_task():
    # A retried task waits in its worker, unacknowledged, for its countdown: a countdown
    # longer than the timeout would hand it to a second worker meanwhile.
    from documents.tasks import PENDING_COUNTDOWN, render_document

    timeout = app.conf.broker_transport_options["visibility_timeout"]
    assert render_document.retry_backoff_max <= timeout
    assert timeout > PENDING_COUNTDOWN
