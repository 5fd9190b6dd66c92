"""The registry export: every field of every station a user may see, one row each.

Columns come from the Station model itself, so a field added later is exported without
anyone remembering to add it here. Values are shown as staff read them on screen (choice
labels, names of related records, local times); text is neutralised against formulas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
    # Each column's conversion is worked out once, labels and words translated once: at
    # 200,000 rows a per-cell field inspection and gettext were most of the export's time.
    columns = [_column(ws, field) for field in fields]
    for station in stations:
        ws.append([column(station) for column in columns])
    return wb


def _text_cell(value):
    """Text as a plain value: neutralised, it cannot start a formula (openpyxl makes only
    text starting with "=" one), so no cell object is needed."""
    return neutralise(value) if isinstance(value, str) else value


def _labels(codes, names: dict) -> str:
    return "、".join(names.get(code, code) for code in codes or [])


def _column(ws, field: models.Field) -> Callable[[Station], object]:
    """A function giving this field's cell for a station, as staff read it on screen."""
    name, attname = field.name, field.attname
    if name == "opening_hours":
        return lambda s: _text_cell(format_hours(s.opening_hours or [], s.open_24h))
    if name in ("services", "facilities"):
        choices = Service.choices if name == "services" else Facility.choices
        names = {code: str(label) for code, label in choices}
        return lambda s: _text_cell(_labels(getattr(s, attname), names))
    if field.is_relation:

        def related(s, name=name):
            value = getattr(s, name)
            return _text_cell(str(value)) if value is not None else ""

        return related
    if field.choices:
        names = {code: str(label) for code, label in field.flatchoices}
        return lambda s: _text_cell(names.get(getattr(s, attname), getattr(s, attname)))
    if isinstance(field, models.BooleanField):
        yes, no = _("Yes"), _("No")
        return lambda s: yes if getattr(s, attname) else no
    if isinstance(field, models.DateTimeField):
        # Excel has no time zones: show the portal's local time.
        def moment(s):
            value = getattr(s, attname)
            if value is None:
                return None
            return _dated(ws, timezone.localtime(value).replace(tzinfo=None), "yyyy-mm-dd hh:mm")

        return moment
    if isinstance(field, models.DateField):
        return lambda s: _dated(ws, getattr(s, attname), "yyyy-mm-dd")
    if isinstance(field, models.DecimalField):
        return lambda s: None if getattr(s, attname) is None else float(getattr(s, attname))
    if isinstance(field, models.JSONField):
        return lambda s: _text_cell(str(getattr(s, attname)))
    return lambda s: _text_cell(getattr(s, attname))


def _dated(ws, value, number_format: str):
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell
