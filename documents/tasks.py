"""Celery tasks of the documents app: thin, taking ids, calling one service each.

Reliability comes from the global settings (config/settings/base.py): acks_late and
reject_on_worker_lost, so a message is acknowledged only after its task finished, and a
worker process that dies mid-task (SIGKILL, OOM) has its message put back on the queue;
prefetch 1, so a worker never sits on messages it is not running. That means at-least-once
delivery, which the render service handles by being idempotent (see worker.py).
"""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_shutdown

from . import fonts
from .worker import DocumentPending, DocumentRenderError, document_mark_failed, document_render

# A batch zip whose members other workers are still making comes back every
# PENDING_COUNTDOWN seconds, up to PENDING_RETRIES times (with its own waits, about an hour
# and a half), before it is shown as failed with a retry button.
PENDING_COUNTDOWN = 15
PENDING_RETRIES = 120


@shared_task(
    bind=True,
    autoretry_for=(DocumentRenderError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=3,
    # A batch zip of a large filing renders hundreds of PDFs; the soft limit turns a hung
    # render into an ordinary failure (retried, then shown with a retry button).
    soft_time_limit=1800,
    time_limit=1900,
)
def render_document(self, document_id: int) -> str:
    try:
        document = document_render(
            document_id=document_id,
            task_id=self.request.id or "",
            final_attempt=self.request.retries >= self.max_retries,
        )
    except DocumentPending as exc:
        # Waiting counts in request.retries too, so a batch that waited more than
        # max_retries times has its next real failure taken as final: it still shows failed
        # with a retry button rather than waiting forever.
        if self.request.retries >= PENDING_RETRIES:
            document_mark_failed(document_id=document_id, error=str(exc))
            return "failed"
        raise self.retry(exc=exc, countdown=PENDING_COUNTDOWN, max_retries=None) from exc
    return document.state if document is not None else "skipped"


@worker_process_shutdown.connect
def release_fonts(**kwargs) -> None:
    fonts.reset()
