"""Asking for a document and retrying it (web side); the making is in worker.py.

``document_request`` finds or creates the row for (kind, record, version) and queues its
render after commit: asking twice, from two tabs or two users, is one row and one render.
"""

from __future__ import annotations

import logging
from functools import partial

from celery.exceptions import Retry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.roles import role_of

from . import kinds
from .models import GeneratedDocument
from .snapshots import Snapshot, snapshot_for
from .tasks import render_document
from .worker import document_is_stuck, document_mark_failed

log = logging.getLogger(__name__)

State = GeneratedDocument.State


class DocumentNotRetryable(ValidationError):
    """Retry was asked for a document that is neither failed nor stuck."""


def _run_eagerly(document_id: int) -> None:
    """Embedded mode has no worker, and Celery's eager mode re-raises a task's Retry
    (CELERY_TASK_EAGER_PROPAGATES), so the task's retry policy is walked here, in process
    and without the backoff pauses."""
    for retries in range(render_document.max_retries + 1):
        try:
            render_document.apply(args=[document_id], retries=retries, throw=True)
            return
        except Retry:
            continue


def _enqueue(document_id: int) -> None:
    try:
        if render_document.app.conf.task_always_eager:
            _run_eagerly(document_id)
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
            "district": snapshot.district,
            "title": snapshot.title[:200],
            "payload": snapshot.payload,
            "requested_by": by,
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


def _locked(document: GeneratedDocument) -> GeneratedDocument:
    return GeneratedDocument.objects.select_for_update().get(pk=document.pk)


def _may_ask(kind: str, by) -> None:
    """The kind's requesters (documents.kinds): ``by=None`` is a rule of the programme
    asking (the reports after publication, the certificates of a published year)."""
    if by is not None and role_of(by) not in kinds.get(kind).requesters:
        raise PermissionDenied(_("Your role may not ask for this document."))


def _may_read(document: GeneratedDocument, by) -> None:
    """A person asks only for a document they could read once made: another union's
    record, or a district's an inspector does not see, is refused here, whatever the view
    looked up (the caller's transaction rolls the new row back)."""
    if (
        by is not None
        and not GeneratedDocument.objects.visible_to(by).filter(pk=document.pk).exists()
    ):
        raise PermissionDenied(_("This record is not yours to change."))


@transaction.atomic
def document_request(*, kind: str, record, by) -> GeneratedDocument:
    """The document of this kind for the record as it is now, queued if it is new.

    ``record`` is whatever the kind was registered for (documents.kinds). Raises
    DocumentUnavailable (a ValidationError) when the record cannot have this document yet,
    e.g. a pledge before the plaque number exists.
    """
    _may_ask(kind, by)
    snapshot = snapshot_for(kind, record)
    if kinds.get(kind).bundle:
        return _bundle_request(snapshot, by=by)
    document, created = _get_or_create(snapshot, by=by)
    _may_read(document, by)
    if created:
        transaction.on_commit(partial(_enqueue, document.pk), robust=True)
    elif document.state == State.FAILED or document_is_stuck(document):
        document = _requeue(_locked(document))
    return document


def _bundle_request(snapshot: Snapshot, *, by) -> GeneratedDocument:
    """The zip and its members: members are rows of their own, queued like any document, so
    idle workers render them in parallel while the zip task works through the rest."""
    document, created = _get_or_create(snapshot, by=by)
    _may_read(document, by)
    if not created and document.state != State.FAILED and not document_is_stuck(document):
        return document
    for member in snapshot.members:
        row, member_created = _get_or_create(member, by=by)
        if member_created:
            transaction.on_commit(partial(_enqueue, row.pk), robust=True)
    if created:
        transaction.on_commit(partial(_enqueue, document.pk), robust=True)
        return document
    return _requeue(_locked(document))


def documents_withdraw(*, kind: str, record_key: str) -> int:
    """Withdraw every version of a record's document of ``kind``: its record no longer
    stands behind it (an award withdrawn after publication takes its certificate back).
    The rows stay; a withdrawn document is never served, listed as ready, rendered or
    retried again (worker.py leaves it alone). Called by the owning app's service, inside
    its transaction, after that service checked its caller; returns how many rows moved."""
    return (
        GeneratedDocument.objects.filter(kind=kind, record_key=record_key)
        .exclude(state=State.WITHDRAWN)
        .update(state=State.WITHDRAWN, updated_at=timezone.now())
    )


@transaction.atomic
def document_retry(*, document: GeneratedDocument, by) -> GeneratedDocument:
    """The page's retry button: only for a failed document, or one stuck past its lease."""
    document = _locked(document)
    _may_ask(document.kind, by)
    _may_read(document, by)
    if document.state == State.WITHDRAWN or (
        document.state != State.FAILED and not document_is_stuck(document)
    ):
        raise DocumentNotRetryable(_("Only a failed document can be retried."))
    log.info("document %s retried by %s", document.pk, by)
    return _requeue(document)
