"""Writing the append-only RecordChange rows; each service calls these in its transaction.

Every row written here is also announced (``history.changes.announce``): the caches that show
the record are dropped, now and again once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from decimal import Decimal

from django.db import connections, models
from django.db.models import QuerySet
from django.utils import timezone

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


def stations_recorded(stations: QuerySet, *, action: str, by) -> None:
    """One STATION row for each station of the queryset ``stations``, in one statement.

    An Excel import records thousands of stations: the rows are written by the database
    (INSERT … SELECT from the stations), not built in Python one model object at a time,
    which cost more than inserting the stations themselves (issue 26). Every row has the
    same time, as the stations were recorded by one act."""
    stations = stations.order_by("pk")
    recorded = list(stations.values_list("pk", "union_id"))
    if not recorded:
        return
    connection = connections[stations.db]
    # Each column of the history row: taken from the station (by the name the SELECT gives
    # it), or the same for every row.
    from_station = {"union": "union_id", "record_id": "pk", "station": "pk", "filing": "filing_id"}
    same = {
        "record": Record.STATION,
        "action": action,
        "changes": {},
        "reason": "",
        "by": by.pk if by is not None else None,
        "at": timezone.now(),
    }
    fields = {field.name: field for field in RecordChange._meta.concrete_fields}
    select = stations.values_list(*dict.fromkeys(from_station.values())).query
    select_sql, select_params = select.get_compiler(connection=connection).as_sql(
        with_col_aliases=True
    )
    quote = connection.ops.quote_name
    columns = [quote(fields[name].column) for name in [*from_station, *same]]
    picked = ", ".join(f"s.{quote(name)}" for name in from_station.values())
    placeholders = ", ".join(["%s"] * len(same))
    # Only quoted names from the models' metadata and Django's compiled SELECT go into the
    # text; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(RecordChange._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {picked}, {placeholders} FROM ({select_sql}) s"
    )
    # In the order of the placeholders in the text: the shared values, then the SELECT's.
    params = [
        *(fields[name].get_db_prep_save(value, connection) for name, value in same.items()),
        *select_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    announce(
        Record.STATION,
        ids=[pk for pk, _union in recorded],
        stations=[pk for pk, _union in recorded],
        unions={union for _pk, union in recorded},
    )
