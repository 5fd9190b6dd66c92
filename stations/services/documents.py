"""Generated documents: asking for one (web side) and making it (worker side).

``document_request`` finds or creates the row for (kind, record, version) and queues its
render after commit: asking twice, from two tabs or two users, is one row and one render.

``document_render`` is idempotent and safe to run more than once for the same document,
which is what at-least-once delivery needs (tasks are acknowledged late and requeued when
their worker dies, see config/settings/base.py):
- a ready document is left alone (no work);
- a render is *claimed* in its own transaction (state ``rendering``, attempt counted, the
  task id and worker recorded), the PDF is made outside any transaction, stored under a
  name fixed by the version (overwriting a half-written earlier try, so one file), and the
  row is marked ready in a second short transaction;
- a redelivered message carries the same task id, so it takes over its own dead claim; a
  different task finding a fresh claim stands back, since its owner is alive or will be
  redelivered; a claim older than the lease may be taken by anyone.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time
from functools import partial

from celery.exceptions import Retry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..documents.batch import entry_name, write_zip
from ..documents.render import render_pdf
from ..documents.snapshots import (
    Kind,
    ReportSpec,
    Snapshot,
    batch_members,
    batch_snapshot,
    snapshot_for,
)
from ..models import FilingForm, GeneratedDocument

log = logging.getLogger(__name__)

State = GeneratedDocument.State

# A message that kills its worker every time would be redelivered forever
# (reject_on_worker_lost); after this many claims the document is marked failed instead.
MAX_ATTEMPTS = 8
# How long a batch waits for members that another worker is rendering, before it gives
# its worker process back and lets its task come back later (DocumentPending).
BATCH_WAIT_SECONDS = 30


# A long batch renews its claim this often, so that it is not taken for dead (the lease).
HEARTBEAT_SECONDS = 60


class DocumentRenderError(Exception):
    """A render failed and will be retried by the task (Celery autoretry)."""


class DocumentPending(Exception):
    """A batch waits for members other workers are still rendering: not a failure."""


class DocumentNotRetryable(ValidationError):
    """Retry was asked for a document that is neither failed nor stuck."""


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.DOCUMENT_RENDER_LEASE_SECONDS)


def _storage():
    return GeneratedDocument._meta.get_field("file").storage


def document_is_stuck(document: GeneratedDocument) -> bool:
    """Queued or rendering with no sign of life for longer than the lease."""
    return document.is_pending and document.updated_at < timezone.now() - _lease()


# --- Web side ----------------------------------------------------------------------------


def _run_eagerly(task, document_id: int) -> None:
    """Embedded mode has no worker, and Celery's eager mode re-raises a task's Retry
    (CELERY_TASK_EAGER_PROPAGATES), so the task's retry policy is walked here, in process
    and without the backoff pauses."""
    for retries in range(task.max_retries + 1):
        try:
            task.apply(args=[document_id], retries=retries, throw=True)
            return
        except Retry:
            continue


def _enqueue(document_id: int) -> None:
    from ..tasks import render_document

    try:
        if render_document.app.conf.task_always_eager:
            _run_eagerly(render_document, document_id)
        else:
            render_document.delay(document_id)
    except Exception as exc:  # the broker is down: say so on the page, offer a retry
        log.exception("could not queue document %s", document_id)
        document_mark_failed(
            document_id=document_id, error=_("Could not queue the job: %(error)s") % {"error": exc}
        )


def _get_or_create(snapshot: Snapshot, *, by) -> tuple[GeneratedDocument, bool]:
    return GeneratedDocument.objects.get_or_create(
        kind=snapshot.kind,
        record_key=snapshot.record_key,
        version=snapshot.version,
        defaults={
            "union_id": snapshot.union_id,
            "title": snapshot.title[:200],
            "payload": snapshot.payload,
            "requested_by": by,
            **snapshot.links,
        },
    )


def _requeue(document: GeneratedDocument) -> GeneratedDocument:
    """Back to the queue for another round of attempts; the caller holds the transaction."""
    document.state = State.QUEUED
    document.attempts = 0
    document.error = ""
    document.task_id = ""
    document.save(update_fields=["state", "attempts", "error", "task_id", "updated_at"])
    transaction.on_commit(partial(_enqueue, document.pk), robust=True)
    return document


@transaction.atomic
def document_request(*, kind: str, record, by) -> GeneratedDocument:
    """The document of this kind for the record as it is now, queued if it is new.

    ``record`` is a Station (pledge, plaque), a FilingForm (filing form, batch zip), an
    Agreement, or a ReportSpec. Raises DocumentUnavailable (a ValidationError) when the
    record cannot have this document yet, e.g. a pledge before the plaque number exists.
    """
    if kind == Kind.BATCH_ZIP:
        return _batch_request(filing=record, by=by)
    snapshot = snapshot_for(kind, record)
    document, created = _get_or_create(snapshot, by=by)
    if created:
        transaction.on_commit(partial(_enqueue, document.pk), robust=True)
    elif document.state == State.FAILED or document_is_stuck(document):
        document = _requeue(GeneratedDocument.objects.select_for_update().get(pk=document.pk))
    return document


def report_request(*, spec: ReportSpec, by) -> GeneratedDocument:
    """A report in the shared layout; see ReportSpec for what the caller provides."""
    return document_request(kind=Kind.REPORT, record=spec, by=by)


def _batch_request(*, filing: FilingForm, by) -> GeneratedDocument:
    """The zip and its members: members are rows of their own, queued like any document, so
    idle workers render them in parallel while the zip task works through the rest."""
    members = batch_members(filing)
    snapshot = batch_snapshot(filing, members)
    document, created = _get_or_create(snapshot, by=by)
    if not created and document.state != State.FAILED and not document_is_stuck(document):
        return document
    for member in members:
        row, member_created = _get_or_create(member, by=by)
        if member_created:
            transaction.on_commit(partial(_enqueue, row.pk), robust=True)
    if created:
        transaction.on_commit(partial(_enqueue, document.pk), robust=True)
        return document
    return _requeue(GeneratedDocument.objects.select_for_update().get(pk=document.pk))


@transaction.atomic
def document_retry(*, document: GeneratedDocument, by) -> GeneratedDocument:
    """The page's retry button: only for a failed document, or one stuck past its lease."""
    document = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if document.state != State.FAILED and not document_is_stuck(document):
        raise DocumentNotRetryable(_("Only a failed document can be retried."))
    log.info("document %s retried by %s", document.pk, by)
    return _requeue(document)


@transaction.atomic
def document_mark_failed(*, document_id: int, error: str) -> None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state == State.READY:
        return
    document.state = State.FAILED
    document.error = error[:2000]
    document.finished_at = timezone.now()
    document.save(update_fields=["state", "error", "finished_at", "updated_at"])


# --- Worker side -------------------------------------------------------------------------


@transaction.atomic
def _claim(document_id: int, task_id: str) -> GeneratedDocument | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None:
        return None
    if document.state == State.READY and document.file and _storage().exists(document.file.name):
        return None  # done already: a duplicate or redelivered message does no work
    now = timezone.now()
    held_by_other = (
        document.state == State.RENDERING
        and document.task_id
        and document.task_id != task_id
        and document.started_at is not None
        and document.started_at > now - _lease()
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
    document.save(
        update_fields=["state", "attempts", "task_id", "worker", "started_at", "updated_at"]
    )
    return document


def _file_name(document: GeneratedDocument) -> str:
    from ..models.document import document_file_path

    stem = document.record_key.replace(":", "-")
    return document_file_path(document, f"{stem}-{document.version}.{document.extension}")


def _store(document: GeneratedDocument, content) -> tuple[str, int]:
    """Save under the version's fixed name, replacing a file left by an interrupted try."""
    storage = _storage()
    name = _file_name(document)
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, content)
    return saved, storage.size(saved)


def _heartbeat(document_id: int, task_id: str) -> None:
    GeneratedDocument.objects.filter(pk=document_id, state=State.RENDERING, task_id=task_id).update(
        started_at=timezone.now(), updated_at=timezone.now()
    )


def _render_batch(document: GeneratedDocument, task_id: str):
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
    return write_zip(entries, _storage())


def _produce(document: GeneratedDocument, task_id: str) -> tuple[str, int]:
    if document.kind == Kind.BATCH_ZIP:
        with _render_batch(document, task_id) as handle:
            return _store(document, File(handle))
    return _store(document, ContentFile(render_pdf(document.kind, document.payload)))


@transaction.atomic
def _finish(document_id: int, name: str, size: int) -> GeneratedDocument | None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None:  # deleted with its record while we worked
        _storage().delete(name)
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


@transaction.atomic
def _record_failure(document_id: int, exc: BaseException, *, final: bool) -> None:
    document = GeneratedDocument.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.state == State.READY:
        return
    document.error = f"{type(exc).__name__}: {exc}"[:2000]
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
    batch whose members are still being made elsewhere goes back to the queue and raises
    DocumentPending.
    """
    document = _claim(document_id, task_id)
    if document is None:
        return None
    try:
        if settings.DOCUMENT_RENDER_DELAY_SECONDS:
            time.sleep(settings.DOCUMENT_RENDER_DELAY_SECONDS)
        name, size = _produce(document, task_id)
    except DocumentPending:
        _release(document_id)
        raise
    except Exception as exc:
        log.warning("document %s attempt %s failed: %s", document_id, document.attempts, exc)
        _record_failure(document_id, exc, final=final_attempt)
        if final_attempt:
            document.refresh_from_db()
            return document
        raise DocumentRenderError(str(exc)) from exc
    return _finish(document_id, name, size)
