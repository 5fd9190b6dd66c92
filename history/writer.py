"""Writing the append-only RecordChange rows; each service calls these in its transaction.

Every row written here is also announced (``history.changes.announce``): the caches that show
the record are dropped, now and again once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from decimal import Decimal

from django.db import models

from .changes import announce
from .models import RecordChange

Record = RecordChange.Record
Action = RecordChange.Action


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.date | Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        # The file as the uploader named it, never where it is stored: the storage path
        # names the union and the private folder layout (issue 21, item 11).
        return file_name(value.name)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def file_name(stored: str | None) -> str:
    """An uploaded file's own name, from its storage path."""
    return posixpath.basename(stored or "")


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """The fields' values as text, taken before an edit to compare with after it."""
    return {name: _text(getattr(instance, name)) for name in fields}


def diff(before: dict[str, str], instance: models.Model) -> dict[str, list[str]]:
    """{"field": [old, new]} for the fields of ``before`` that changed on ``instance``."""
    changes = {}
    for name, old in before.items():
        new = _text(getattr(instance, name))
        if new != old:
            changes[name] = [old, new]
    return changes


def record_change(
    *,
    record: str,
    record_id: int,
    union_id: int | None,
    action: str,
    by,
    stations: Iterable = (),
    filing_id: int | None = None,
    changes: dict | None = None,
    reason: str = "",
    concerns: Iterable[int] = (),
) -> None:
    """One row, or one per station when the record covers several (an agreement).

    ``concerns`` names stations the change shows on without being their record (a year's
    honours published: the titled stations): announced with it, not written as rows."""
    rows = [
        RecordChange(
            union_id=union_id,
            record=record,
            record_id=record_id,
            station=station,
            filing_id=filing_id if filing_id is not None else station.filing_id,
            action=action,
            changes=changes or {},
            reason=reason,
            by=by,
        )
        for station in stations
    ]
    if not rows:
        rows = [
            RecordChange(
                union_id=union_id,
                record=record,
                record_id=record_id,
                filing_id=filing_id,
                action=action,
                changes=changes or {},
                reason=reason,
                by=by,
            )
        ]
    RecordChange.objects.bulk_create(rows)
    announce(
        record,
        ids=(record_id,),
        stations=[*(row.station_id for row in rows if row.station_id), *concerns],
        unions=(union_id,),
    )


def stations_recorded(stations: Iterable, *, action: str, by) -> None:
    """One STATION row per station in a single insert (an Excel import of thousands)."""
    stations = list(stations)
    RecordChange.objects.bulk_create(
        [
            RecordChange(
                union_id=station.union_id,
                record=Record.STATION,
                record_id=station.pk,
                station=station,
                filing_id=station.filing_id,
                action=action,
                by=by,
            )
            for station in stations
        ],
        batch_size=1000,
    )
    announce(
        Record.STATION,
        ids=[station.pk for station in stations],
        stations=[station.pk for station in stations],
        unions={station.union_id for station in stations},
    )
