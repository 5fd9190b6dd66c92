"""What a document shows, and the version that names it.

A snapshot is plain JSON taken from a record when the document is asked for: the worker draws
from it alone, so a document is exactly what was requested even if the record changes while
the task waits in the queue. Its version hashes the snapshot together with the templates that
draw it: a new wording is a new version too. The apps that register kinds build snapshots
with ``snapshot()``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.template import engines
from django.utils.translation import gettext as _

from . import kinds

# Bump when the code that turns a snapshot into a document changes in a way the templates
# do not show (QR options, page set-up in render.py): every version changes with it.
RENDER_REVISION = 1


class DocumentUnavailable(ValidationError):
    """This kind of document cannot be made from this record in its current state."""


@dataclass(frozen=True)
class Snapshot:
    kind: str
    record_key: str
    title: str
    # Who sees the document (unions.scopes): the owning union (None: city-wide) and, for a
    # station's own documents, the station's district.
    union_id: int | None
    district: str
    payload: dict[str, Any]
    version: str
    # A bundle's members, each a document of its own (rendered, stored and reused alone).
    members: tuple[Snapshot, ...] = ()


def day(value: dt.date | None) -> dict[str, int] | None:
    """Dates as 年/月/日 parts, so the templates print them the way the forms do."""
    if value is None:
        return None
    return {"y": value.year, "m": value.month, "d": value.day}


def _template_folders() -> list[Path]:
    folders = []
    for engine in engines.all():
        for directory in getattr(engine, "template_dirs", ()):
            folder = Path(directory) / "documents"
            if folder.is_dir():
                folders.append(folder)
    return folders


@lru_cache(maxsize=1)
def templates_fingerprint() -> str:
    """Hash of every PDF template and the print stylesheet (not the web panel), wherever an
    app keeps them: the documents/ folder of each template directory."""
    files = sorted(
        (path.name, path)
        for folder in _template_folders()
        for path in folder.glob("*")
        if path.is_file() and not path.name.startswith("_panel")
    )
    digest = hashlib.sha256(str(RENDER_REVISION).encode())
    for name, path in files:
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def version_of(kind: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps(
        {"kind": kind, "payload": payload, "templates": templates_fingerprint()},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def snapshot(
    kind: str,
    *,
    record_key: str,
    title: str,
    payload: dict[str, Any],
    union_id: int | None = None,
    district: str = "",
    members: list[Snapshot] | tuple[Snapshot, ...] = (),
) -> Snapshot:
    """A snapshot with its version. A bundle lists its members in the payload, so that the
    zip's version changes whenever one of them does."""
    if members:
        payload = {
            **payload,
            "members": [
                {"kind": m.kind, "record_key": m.record_key, "title": m.title, "version": m.version}
                for m in members
            ],
        }
    return Snapshot(
        kind=kind,
        record_key=record_key[:120],
        title=title,
        union_id=union_id,
        district=district,
        payload=payload,
        version=version_of(kind, payload),
        members=tuple(members),
    )


def snapshot_for(code: str, record) -> Snapshot:
    """The snapshot of ``record`` for the kind ``code``, by the kind's registered builder."""
    try:
        kind = kinds.get(code)
    except kinds.UnknownKind:
        raise DocumentUnavailable(_("Unknown kind of document.")) from None
    if kind.snapshot is None or kind.record is None or not isinstance(record, kind.record):
        raise DocumentUnavailable(_("This kind of document is not made from this record."))
    return kind.snapshot(record)
