"""The registry export: every field of every station a user may see, one row each.

Columns come from the Station model itself, so a field added later is exported without
anyone remembering to add it here. Values are shown as staff read them on screen (choice
labels, names of related records, local times); text is neutralised against formulas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..models import Facility, Service, Station
from ..parsing import format_hours
from .writer import BODY_FONT, neutralise

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WIDE = {"name": 28, "address": 34, "services": 30, "facilities": 30, "status_reason": 30}


def registry_fields() -> list[models.Field]:
    return list(Station._meta.concrete_fields)


def registry_workbook(stations: Iterable[Station]) -> Workbook:
    # Write-only: the registry grows every year, and this streams rows instead of keeping
    # every cell object in memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_("Stations")[:31])
    fields = registry_fields()
    for i, field in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDE.get(field.name, 14)
    ws.freeze_panes = "C2"
    header = []
    for field in fields:
        cell = WriteOnlyCell(ws, value=neutralise(str(field.verbose_name)))
        cell.font = Font(name=BODY_FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    for station in stations:
        ws.append([_cell(ws, _value(station, field)) for field in fields])
    return wb


def _cell(ws, value):
    cell = WriteOnlyCell(ws, value=neutralise(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text
    elif isinstance(cell.value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(cell.value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _labels(codes, choices) -> str:
    names = dict(choices)
    return "、".join(str(names.get(code, code)) for code in codes or [])


def _value(station: Station, field: models.Field):
    name = field.name
    if name == "opening_hours":
        return format_hours(station.opening_hours or [], station.open_24h)
    if name == "services":
        return _labels(station.services, Service.choices)
    if name == "facilities":
        return _labels(station.facilities, Facility.choices)
    if field.is_relation:
        related = getattr(station, name)
        return str(related) if related is not None else ""
    if field.choices:
        return str(getattr(station, f"get_{name}_display")())
    value = getattr(station, field.attname)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        # Excel has no time zones: show the portal's local time.
        return timezone.localtime(value).replace(tzinfo=None) if value else None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | dict):
        return str(value)
    return value
