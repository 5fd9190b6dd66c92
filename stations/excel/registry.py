"""The registry export: every field of every station a user may see, one row each.

Columns come from the Station model itself, so a field added later is exported without
anyone remembering to add it here. Values are shown as staff read them on screen (choice
labels, names of related records, local times); text is neutralised against formulas by the
sheet writer (stream.py).

Written for national size (200,000 stations, issue 13): rows are read as plain tuples
(``values_list``, a server-side cursor on PostgreSQL), never as model instances; each
column's conversion, its choice labels and the names of the related records it points to
are worked out once before the loop, and a stored value that repeats (opening hours, lists
of services) is translated once, the first time it is met.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from django.db import models
from django.db.models import FloatField, Func, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Facility, Service, Station
from ..parsing import format_hours
from .stream import SheetStream

_WIDE = {"name": 28, "address": 34, "services": 30, "facilities": 30, "status_reason": 30}
# How often the job tells the waiting page how far it is (one row update each time).
PROGRESS_EVERY = 1000
CHUNK = 2000
# Related records looked up at a time (SQLite allows some hundreds of parameters a query).
RELATED_BATCH = 500

# A column's conversion: (the stored value, the whole row as read) -> the cell's value.
Convert = Callable[[object, tuple], object]


def registry_fields() -> list[models.Field]:
    return list(Station._meta.concrete_fields)


def registry_write(
    stations: models.QuerySet[Station],
    out: IO[bytes],
    *,
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
) -> int:
    """Write ``stations`` (scoped, filtered and ordered by the caller) as a workbook into
    ``out``; returns the number of rows. ``progress(done, total)`` is called every
    PROGRESS_EVERY rows and once at the end."""
    fields = registry_fields()
    if total is None:
        total = stations.count()
    select, converts = _plan(fields, stations)
    sheet = SheetStream(
        out,
        title=_("Stations"),
        header=[str(field.verbose_name) for field in fields],
        widths=[_WIDE.get(field.name, 14) for field in fields],
        freeze="C2",
        expected_rows=total,
    )
    annotations = {name: expression for name, expression in select.items() if expression}
    rows = stations.annotate(**annotations).values_list(*select).iterator(chunk_size=CHUNK)
    written = 0
    if progress is not None:
        progress(0, total)
    for row in rows:
        values = list(row)
        for i, convert in converts:
            values[i] = convert(values[i], row)
        sheet.append(values)
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written, max(total, written))
    sheet.close()
    if progress is not None:
        # Stations added while the job ran are in the file too: the total is what was written.
        progress(written, written)
    return written


def _plan(
    fields: list[models.Field], stations: models.QuerySet[Station]
) -> tuple[dict[str, Func | None], list[tuple[int, Convert]]]:
    """What to select for each column (a field's column, or an expression under a name of
    its own: a JSON field's stored text, a decimal as a float), and the conversions of the
    columns whose selected value is not already what staff read."""
    select: dict[str, Func | None] = {}
    for field in fields:
        if isinstance(field, models.JSONField):
            select[f"{field.name}_json"] = Cast(field.name, TextField())
        elif isinstance(field, models.DecimalField):
            # A float from the database: no Decimal made and converted for each cell.
            select[f"{field.name}_float"] = Cast(field.name, FloatField())
        else:
            select[field.attname] = None
    index = {name: i for i, name in enumerate(select)}
    converts = []
    for i, field in enumerate(fields):
        convert = _convert(field, stations, index)
        if convert is not None:
            converts.append((i, convert))
    return select, converts


def _convert(field: models.Field, stations, index: dict[str, int]) -> Convert | None:
    """A function giving this field's cell from its stored value, or None to write it as
    stored (text and whole numbers)."""
    name = field.name
    if name == "opening_hours":
        return _hours(index["open_24h"])
    if name in ("services", "facilities"):
        choices = Service.choices if name == "services" else Facility.choices
        return _labels_of_codes({code: str(label) for code, label in choices})
    if field.is_relation:
        names = _related_names(field, stations)
        return lambda value, row: "" if value is None else names.get(value, "")
    if field.choices:
        names = {code: str(label) for code, label in field.flatchoices}
        return lambda value, row: names.get(value, value)
    if isinstance(field, models.BooleanField):
        yes, no = _("Yes"), _("No")
        return lambda value, row: yes if value else no
    if isinstance(field, models.DateTimeField):
        zone = timezone.get_current_timezone()
        # Excel has no time zones: the portal's local time, as staff read it on screen.
        return lambda value, row: (
            None if value is None else value.astimezone(zone).replace(tzinfo=None)
        )
    if isinstance(field, models.JSONField):
        return _once(lambda text: str(json.loads(text)))
    return None


def _related_names(field: models.Field, stations) -> dict:
    """The names of the related records the stations point to, read once (some thousands
    of host units at national size), as their own __str__ gives them.

    The ids are read first rather than used as a subquery: the registry search's SQL names
    the station table, which a subquery renames (PostgreSQL refused the export of a search).
    """
    ids = [
        pk
        for pk in stations.order_by().values_list(field.attname, flat=True).distinct()
        if pk is not None
    ]
    manager = field.related_model._base_manager
    names = {}
    for start in range(0, len(ids), RELATED_BATCH):
        batch = manager.filter(pk__in=ids[start : start + RELATED_BATCH])
        names.update((obj.pk, str(obj)) for obj in batch)
    return names


def _once(make: Callable[[str], object]) -> Convert:
    """A conversion of stored JSON text that works each distinct value out once."""
    seen: dict[str, object] = {}

    def convert(text, row):
        if text is None:
            return None
        try:
            return seen[text]
        except KeyError:
            seen[text] = made = make(text)
            return made

    return convert


def _labels_of_codes(names: dict[str, str]) -> Convert:
    return _once(lambda text: "、".join(names.get(code, code) for code in json.loads(text) or []))


def _hours(open_24h_at: int) -> Convert:
    seen: dict[tuple[str | None, bool], str] = {}

    def convert(text, row):
        key = (text, bool(row[open_24h_at]))
        try:
            return seen[key]
        except KeyError:
            slots = json.loads(text) if text else []
            seen[key] = made = format_hours(slots or [], key[1])
            return made

    return convert
