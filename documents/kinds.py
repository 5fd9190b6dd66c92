"""The registry of document kinds, and of the records that offer them.

The documents app draws, stores and serves documents; what a document *is* belongs to the
app that owns its record. That app registers, from its ``AppConfig.ready()``::

    from documents.kinds import DocumentKind, RecordType, register, register_record

    register(DocumentKind(
        code="pledge",                       # stored in GeneratedDocument.kind, max 16 chars
        label=_("Service pledge (Annex 3)"),  # shown in the panel and the admin
        template="documents/pledge.html",    # drawn by WeasyPrint with the shared fonts
        snapshot=pledge_snapshot,            # record -> Snapshot (documents.snapshots.snapshot)
        record=Station,                      # what ``snapshot`` accepts
    ))
    register_record(RecordType(
        name="station",                      # record keys are "station:12"; also in URLs
        model=Station,                       # looked up through Station.objects.visible_to(user)
        kinds=("pledge", "plaque"),          # what its page's documents panel offers, in order
        page="stations:staff_detail",        # where a form post returns to (kwarg pk)
    ))

Then ``documents.services.document_request(kind="pledge", record=station, by=user)`` makes
it, and ``{% document_panel station %}`` lists it on the station's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from unions.roles import UNION_OR_AID

if TYPE_CHECKING:
    from django.core.files import File
    from django.db import models

    from .snapshots import Snapshot


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: how it is drawn, what it is made from, how it is served."""

    code: str
    label: Any
    # The Django template drawn into a PDF, or a function of the payload that names it
    # (reports let the caller choose a template extending documents/report.html).
    template: str | Callable[[dict[str, Any]], str] = ""
    # Extra template context derived from the payload at drawing time (a QR code, words
    # for stored codes); the payload itself is always in the context.
    context: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # record -> Snapshot; raises documents.snapshots.DocumentUnavailable when the record
    # cannot have this document yet.
    snapshot: Callable[[Any], Snapshot] | None = None
    # The class of the records ``snapshot`` accepts (a model, or a spec like ReportSpec).
    record: type | None = None
    # A zip of other documents: the snapshot lists its members (see snapshots.snapshot).
    bundle: bool = False
    # The folder this kind's files go to inside a bundle ("pledges/SH00001.pdf").
    folder: str = ""
    # The title is a safe file name ("SH00001"): downloads are named by it, not by the id.
    title_names_file: bool = False
    # Shown to inspectors (within their district). Must equal
    # unions.scopes.INSPECTOR_DOCUMENT_KINDS, where the scope itself is written; a test
    # holds the two together.
    shown_to_inspectors: bool = False
    # A document that is not drawn from a template (a workbook): payload -> the file's bytes,
    # with its extension and content type. The worker stores it like a PDF.
    produce: Callable[..., bytes | File] | None = None
    file_extension: str = ""
    file_content_type: str = ""
    # ``produce`` reports how far it is: it is called as produce(payload, progress), and
    # calls progress(done, total) now and then (cheaply: a row update each time), which the
    # page waiting for the file shows. It may return a File instead of bytes (a temporary
    # file, so that a large workbook is not held in memory twice).
    progress: bool = False
    # Made from one user's own view of the data (the registry export with that user's scope
    # and filters): only that user reads it. Must equal unions.scopes.PERSONAL_DOCUMENT_KINDS,
    # where the rule is written; a test holds the two together.
    personal: bool = False
    # Who may ask for (and retry) this kind; which records each of them may ask it for is
    # the documents' scope (unions/scopes.py): only one they could read once made.
    requesters: frozenset[str] = UNION_OR_AID

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", str(self.code))  # a TextChoices member is stored as text

    @property
    def extension(self) -> str:
        return self.file_extension or ("zip" if self.bundle else "pdf")

    @property
    def content_type(self) -> str:
        if self.file_content_type:
            return self.file_content_type
        return "application/zip" if self.bundle else "application/pdf"

    def template_for(self, payload: dict[str, Any]) -> str:
        return self.template(payload) if callable(self.template) else self.template

    def folder_name(self) -> str:
        return self.folder or self.code


@dataclass(frozen=True)
class RecordType:
    """A kind of record whose staff page shows a documents panel."""

    name: str
    model: type[models.Model]
    kinds: tuple[str, ...] = field(default_factory=tuple)
    page: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(str(code) for code in self.kinds))


_kinds: dict[str, DocumentKind] = {}
_records: dict[str, RecordType] = {}


class UnknownKind(LookupError):
    pass


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind; registering the same code twice must be the same kind (reloads)."""
    if len(kind.code) > 16 or not kind.code.replace("_", "").isalnum():
        raise ValueError(f"document kind code {kind.code!r}: up to 16 letters, digits or _")
    existing = _kinds.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"document kind {kind.code!r} is registered already")
    _kinds[kind.code] = kind
    return kind


def register_record(record_type: RecordType) -> RecordType:
    existing = _records.get(record_type.name)
    if existing is not None and existing != record_type:
        raise ValueError(f"record type {record_type.name!r} is registered already")
    _records[record_type.name] = record_type
    return record_type


def get(code: str) -> DocumentKind:
    try:
        return _kinds[code]
    except KeyError:
        raise UnknownKind(code) from None


def all_kinds() -> tuple[DocumentKind, ...]:
    return tuple(_kinds.values())


def choices() -> list[tuple[str, Any]]:
    """GeneratedDocument.kind's choices: whatever the installed apps registered."""
    return [(kind.code, kind.label) for kind in _kinds.values()]


def record_type(name: str) -> RecordType | None:
    return _records.get(name)


def record_type_of(record) -> RecordType:
    for candidate in _records.values():
        if isinstance(record, candidate.model):
            return candidate
    raise TypeError(f"no documents are registered for {type(record).__name__}")


def record_key(record) -> str:
    """ "station:12": how a document names the record it was made from."""
    return f"{record_type_of(record).name}:{record.pk}"


def kinds_for(record) -> tuple[str, ...]:
    try:
        return record_type_of(record).kinds
    except TypeError:
        return ()
