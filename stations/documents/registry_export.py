"""The registry export as a background job (``registry_xlsx``), through the documents app.

At national size the workbook takes longer than a web worker may run, so the registry
page asks for it (``document_request``) and the Celery worker writes it while a page shows
its progress. The snapshot holds what the export is *of*: the requesting user, that user's
scope as it was when they asked, and the registry list's filters. The worker applies the
scope again, exactly as the list does (``Station.objects.visible_to(user)``), and refuses
to write anything if the user's access changed in between (another union, another
district, a disabled account). The file is the requester's alone (unions.scopes,
PERSONAL_DOCUMENT_KINDS).

One export per user, filters and minute: asking twice in a row (a double click, two tabs)
is one job; asking again later, or after a station changed, is a new one. Exports carry
heads' names and mobile numbers: a daily job deletes them, files and rows, once they are
REGISTRY_EXPORT_KEEP_DAYS old (``registry_exports_expire``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents.kinds import DocumentKind
from documents.models import GeneratedDocument
from documents.snapshots import DocumentUnavailable, Snapshot, snapshot
from unions.roles import STAFF_READ, district_scope, role_of, union_of

from ..excel.registry import registry_write
from ..excel.stream import XLSX
from ..models import Station
from ..selectors import registry_filter, registry_params
from .codes import Kind


@dataclass(frozen=True)
class RegistryExport:
    """The registry as ``user`` sees it through the list's ``filters``, asked for at ``at``."""

    user: Any
    filters: dict[str, str] = field(default_factory=dict)
    at: dt.datetime | None = None
    language: str = ""


def scope_of(user) -> dict[str, Any]:
    """What decides which stations ``user`` sees (unions.scopes): kept in the snapshot, so
    that the job can tell whether it still holds."""
    union = union_of(user)
    return {
        "role": role_of(user),
        "union_id": union.pk if union else None,
        "district": district_scope(user),
    }


def registry_export_snapshot(record: RegistryExport) -> Snapshot:
    user = record.user
    scope = scope_of(user)
    if scope["role"] is None:
        raise DocumentUnavailable(_("Only staff may export the registry."))
    at = timezone.localtime(record.at or timezone.now())
    minute = at.strftime("%Y%m%d-%H%M")
    visible = Station.objects.visible_to(user)
    changed = visible.aggregate(last=Max("updated_at"))["last"]
    payload = {
        "user_id": user.pk,
        "scope": scope,
        "filters": registry_params(record.filters),
        "language": record.language or translation.get_language() or "",
        "asked_at": minute,
        # A station changed since the last export of this minute: write a new one.
        "stations_changed": changed.isoformat() if changed else "",
    }
    return snapshot(
        Kind.REGISTRY_EXPORT,
        record_key=f"registry:u{user.pk}-{minute}",
        title=_("Station registry, %(time)s") % {"time": at.strftime("%Y-%m-%d %H:%M")},
        union_id=scope["union_id"],
        district=scope["district"],
        payload=payload,
    )


def requester(payload: dict[str, Any]):
    """The user who asked, if their access is still the one the export was asked with."""
    user = (
        get_user_model().objects.select_related("profile").filter(pk=payload.get("user_id")).first()
    )
    if user is None or scope_of(user) != payload.get("scope"):
        raise DocumentUnavailable(
            _("Your access has changed since this export was asked for. Ask for it again.")
        )
    return user


def registry_export_stations(payload: dict[str, Any]):
    """The stations the export writes: the registry list's own scope, filters and order."""
    visible = Station.objects.visible_to(requester(payload))
    return registry_filter(visible, payload.get("filters", {})).order_by("plaque_seq", "id")


def registry_export_produce(payload: dict[str, Any], progress) -> File:
    """The worker's part: the workbook, in a temporary file the worker stores and removes."""
    stations = registry_export_stations(payload)
    out = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the worker)
    try:
        with translation.override(payload.get("language") or settings.LANGUAGE_CODE):
            registry_write(stations, out, progress=progress)
    except BaseException:
        out.close()
        raise
    return File(out, name="registry.xlsx")


def registry_export_kind() -> DocumentKind:
    return DocumentKind(
        code=Kind.REGISTRY_EXPORT,
        label=Kind.REGISTRY_EXPORT.label,
        snapshot=registry_export_snapshot,
        record=RegistryExport,
        produce=registry_export_produce,
        file_extension="xlsx",
        file_content_type=XLSX,
        progress=True,
        personal=True,
        # Everyone who reads the registry exports their own view of it.
        requesters=STAFF_READ,
    )


def registry_exports_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the exports asked for more than REGISTRY_EXPORT_KEEP_DAYS ago, with their
    files; returns how many. Anyone who still needs one asks for it again."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.REGISTRY_EXPORT_KEEP_DAYS)
    old = GeneratedDocument.objects.filter(kind=Kind.REGISTRY_EXPORT, created_at__lt=cutoff)
    count = 0
    for document in old.iterator():
        if document.file:
            document.file.delete(save=False)
        document.delete()
        count += 1
    return count
