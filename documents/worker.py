"""Making a document (worker side), idempotent and safe to run more than once.

At-least-once delivery (tasks are acknowledged late and requeued when their worker dies, see
config/settings/base.py) means the same document may be rendered twice; this module makes
that harmless:
- a ready document is left alone (no work);
- a render is *claimed* in its own transaction (state ``rendering``, attempt counted, the
  task id and worker recorded), the file is made outside any transaction, stored under a
  name fixed by the version (overwriting a half-written earlier try, so one file), and the
  row is marked ready in a second short transaction;
- a redelivered message carries the same task id, so it takes over its own dead claim; a
  different task finding a fresh claim stands back, since its owner is alive or will be
  redelivered; a claim older than the lease may be taken by anyone.

This module imports neither the task nor the web-side services: tasks.py calls it, and
services.py queues tasks.py, so the three form a line, not a cycle.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kinds
from .bundle import entry_name, write_zip
from .models import GeneratedDocument, document_file_path
from .render import render_pdf
from .snapshots import DocumentUnavailable

log = logging.getLogger(__name__)

State = GeneratedDocument.State

# A message that kills its worker every time would be redelivered forever
# (reject_on_worker_lost); after this many claims the document is marked failed instead.
MAX_ATTEMPTS = 8
# How long a bundle waits for members that another worker is rendering, before it gives
# its worker process back and lets its task come back later (DocumentPending).
BATCH_WAIT_SECONDS = 30
# A long bundle renews its claim this often, so that it is not taken for dead (the lease).
HEARTBEAT_SECONDS = 60


class DocumentRenderError(Exception):
    """A render failed and will be retried by the task (Celery autoretry)."""


class DocumentPending(Exception):
    """A bundle waits for members other workers are still rendering: not a failure."""


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.DOCUMENT_RENDER_LEASE_SECONDS)


def storage():
    return GeneratedDocument._meta.get_field("file").storage


def document_is_stuck(document: GeneratedDocument) -> bool:
    """Queued or rendering with no sign of life for longer than the lease."""
    return document.is_pending and document.updated_at < timezone.now() - lease()


@transaction.atomic
def document_mark_failed(*, document_id: int, error: str) -> None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state in (State.READY, State.WITHDRAWN):
        return
    document.state = State.FAILED
    document.error = error[:2000]
    document.finished_at = timezone.now()
    document.save(update_fields=["state", "error", "finished_at", "updated_at"])


@transaction.atomic
def _claim(document_id: int, task_id: str) -> GeneratedDocument | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state == State.WITHDRAWN:
        return None  # gone, or its record no longer stands behind it: nothing to make
    if document.state == State.READY and document.file and storage().exists(document.file.name):
        return None  # done already: a duplicate or redelivered message does no work
    now = timezone.now()
    held_by_other = (
        document.state == State.RENDERING
        and document.task_id
        and document.task_id != task_id
        and document.started_at is not None
        and document.started_at > now - lease()
    )
    if held_by_other:
        return None
    if document.attempts >= MAX_ATTEMPTS:
        document.state = State.FAILED
        document.error = _("Gave up after %(n)d attempts.") % {"n": document.attempts}
        document.finished_at = now
        document.save(update_fields=["state", "error", "finished_at", "updated_at"])
        return None
    document.state = State.RENDERING
    document.attempts += 1
    document.task_id = task_id
    document.worker = f"{socket.gethostname()}:{os.getpid()}"[:120]
    document.started_at = now
    document.progress_done = document.progress_total = 0
    document.save(
        update_fields=[
            "state",
            "attempts",
            "task_id",
            "worker",
            "started_at",
            "progress_done",
            "progress_total",
            "updated_at",
        ]
    )
    return document


def file_name(document: GeneratedDocument) -> str:
    stem = document.record_key.replace(":", "-")
    return document_file_path(document, f"{stem}-{document.version}.{document.extension}")


def _store(document: GeneratedDocument, content) -> tuple[str, int]:
    """Save under the version's fixed name, replacing a file left by an interrupted try."""
    files = storage()
    name = file_name(document)
    if files.exists(name):
        files.delete(name)
    saved = files.save(name, content)
    return saved, files.size(saved)


def _heartbeat(document_id: int, task_id: str) -> None:
    GeneratedDocument.objects.filter(pk=document_id, state=State.RENDERING, task_id=task_id).update(
        started_at=timezone.now(), updated_at=timezone.now()
    )


def _render_bundle(document: GeneratedDocument, task_id: str):
    """Make sure every member is ready (rendering here what nobody else is), then zip them."""
    members = []
    for member in document.payload["members"]:
        row = GeneratedDocument.objects.filter(
            kind=member["kind"], record_key=member["record_key"], version=member["version"]
        ).first()
        if row is None:
            raise DocumentRenderError(f"member {member['kind']} {member['title']} is missing")
        members.append(row)
    beat = time.monotonic()
    for row in members:
        if row.state == State.FAILED:
            # The zip is being retried: give its failed members another round too.
            GeneratedDocument.objects.filter(pk=row.pk, state=State.FAILED).update(
                state=State.QUEUED, attempts=0, error="", updated_at=timezone.now()
            )
        if not row.is_ready:
            document_render(document_id=row.pk, task_id=task_id)
        if time.monotonic() - beat > HEARTBEAT_SECONDS:
            beat = time.monotonic()
            _heartbeat(document.pk, task_id)
    deadline = time.monotonic() + BATCH_WAIT_SECONDS
    while True:
        rows = {r.pk: r for r in GeneratedDocument.objects.filter(pk__in=[m.pk for m in members])}
        failed = [r.title for r in rows.values() if r.state == State.FAILED]
        if failed:
            raise DocumentRenderError(f"members failed: {', '.join(sorted(failed))}")
        pending = [r for r in rows.values() if not r.is_ready]
        if not pending:
            break
        if time.monotonic() > deadline:
            raise DocumentPending(f"{len(pending)} members still rendering elsewhere")
        time.sleep(0.5)
    entries = [(entry_name(r.kind, r.title), rows[r.pk].file.name) for r in members]
    return write_zip(entries, storage())


def _progress(document_id: int, task_id: str):
    """The ``progress(done, total)`` a kind's producer calls: one row update, which also
    renews the claim, so that a long job is never taken for a dead one (the lease)."""

    def record(done: int, total: int) -> None:
        now = timezone.now()
        GeneratedDocument.objects.filter(
            pk=document_id, state=State.RENDERING, task_id=task_id
        ).update(progress_done=done, progress_total=total, started_at=now, updated_at=now)

    return record


def _produced(document: GeneratedDocument, task_id: str):
    kind = kinds.get(document.kind)
    if kind.progress:
        return kind.produce(document.payload, _progress(document.pk, task_id))
    return kind.produce(document.payload)


def _produce(document: GeneratedDocument, task_id: str) -> tuple[str, int]:
    kind = kinds.get(document.kind)
    if kind.produce is not None:
        made = _produced(document, task_id)
        if isinstance(made, File):
            with made:  # a temporary file: closed, and so removed, once stored
                return _store(document, made)
        return _store(document, ContentFile(made))
    if kind.bundle:
        with _render_bundle(document, task_id) as handle:
            return _store(document, File(handle))
    return _store(document, ContentFile(render_pdf(document.kind, document.payload)))


@transaction.atomic
def _finish(document_id: int, name: str, size: int) -> GeneratedDocument | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state == State.WITHDRAWN:
        # Deleted, or withdrawn while we worked: the file is not to be served.
        storage().delete(name)
        return None
    document.file.name = name
    document.size = size
    document.state = State.READY
    document.error = ""
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "size", "state", "error", "finished_at", "updated_at"])
    return document


@transaction.atomic
def _release(document_id: int) -> None:
    """Back to the queue without counting the claim as an attempt (nothing went wrong)."""
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state != State.RENDERING:
        return
    document.state = State.QUEUED
    document.attempts = max(document.attempts - 1, 0)
    document.save(update_fields=["state", "attempts", "updated_at"])


class _Refused(Exception):
    """A refusal's own words, shown to the user without an exception's class name."""


@transaction.atomic
def _record_failure(document_id: int, exc: BaseException, *, final: bool) -> None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state in (State.READY, State.WITHDRAWN):
        return
    text = str(exc) if isinstance(exc, _Refused) else f"{type(exc).__name__}: {exc}"
    document.error = text[:2000]
    document.state = State.FAILED if final else State.QUEUED
    document.finished_at = timezone.now() if final else None
    document.save(update_fields=["error", "state", "finished_at", "updated_at"])


def document_render(
    *, document_id: int, task_id: str = "", final_attempt: bool = True
) -> GeneratedDocument | None:
    """Make the document's file if it still needs making; see the module docstring.

    Returns the document when this call made it, else None (done already, held by a live
    task, or gone). A failure on the final attempt marks the document failed and returns it;
    earlier failures put it back in the queue and raise DocumentRenderError for a retry. A
    producer that raises DocumentUnavailable (the record can no longer have the document)
    fails it at once with that message, without retries. A bundle whose members are still
    being made elsewhere goes back to the queue and raises DocumentPending.
    """
    document = _claim(document_id, task_id)
    if document is None:
        return None
    try:
        name, size = _produce(document, task_id)
    except DocumentPending:
        _release(document_id)
        raise
    except DocumentUnavailable as exc:
        # The record can no longer have this document (an export whose requester lost the
        # access it was asked with): trying again cannot help, so it fails at once.
        log.warning("document %s refused: %s", document_id, exc)
        _record_failure(document_id, _Refused(" ".join(exc.messages)), final=True)
        document.refresh_from_db()
        return document
    except Exception as exc:
        log.warning("document %s attempt %s failed: %s", document_id, document.attempts, exc)
        _record_failure(document_id, exc, final=final_attempt)
        if final_attempt:
            document.refresh_from_db()
            return document
        raise DocumentRenderError(str(exc)) from exc
    return _finish(document_id, name, size)
