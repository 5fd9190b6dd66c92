"""Workbooks in the official 附件1 layout: the blank template and any filing.

They look like the paper form (title, unit rows, bordered table, hint row, signature rows,
备注) and print on one A4 landscape page width. Registry data beyond the form goes into
optional columns to the right, so that an exported filing imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.cache import cache
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..datum import CELL_TEXT, Datum
from ..models import FilingForm, Service, Station
from .layout import Column, layout

# 宋体 is on every Chinese Windows and WPS install; LibreOffice substitutes Noto CJK.
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
TEMPLATE_BLANK_ROWS = 10
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
EXTRA_FILL = PatternFill("solid", fgColor="F2F2F2")
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
# A cell that starts with one of these is run as a formula by spreadsheet programs
# (CSV/formula injection, OWASP); exports write it as text behind an apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Bump when the drawing below changes in a way the cells do not show (fonts, borders, widths,
# print set-up): every kept workbook (filing_workbook_bytes) is drawn again.
DRAWING_REVISION = 2
# Where a filing's workbook is kept (stations/caches.py registers it).
WORKBOOK_KEY_PREFIX = "filing-xlsx:"


def neutralise(value):
    """Text that a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def set_value(ws: Worksheet, row: int, col: int, value):
    cell = ws.cell(row=row, column=col, value=neutralise(value))
    if isinstance(cell.value, str):
        # openpyxl turns any string starting with "=" into a formula; never let it.
        cell.data_type = "s"
    return cell


def filing_workbook(
    filing: FilingForm | None = None,
    stations: Iterable[Station] = (),
    *,
    extras: bool = True,
) -> Workbook:
    """The form for one filing, or the blank template when ``filing`` is None."""
    form = layout()
    columns = form.all_columns if extras else form.columns
    wb = Workbook()
    ws = wb.active
    ws.title = "备案表"
    width = len(columns)
    last = get_column_letter(width)
    official = len(form.columns)

    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width

    # Title.
    ws.merge_cells(f"A1:{last}1")
    set_value(ws, 1, 1, form.title).font = Font(name=TITLE_FONT, size=18, bold=True)
    ws["A1"].alignment = WRAP_CENTER
    ws.row_dimensions[1].height = 40

    # Unit rows: label | value | label | value across the nine official columns.
    unit = {u.key: u for u in form.unit}
    values = _unit_values(filing)
    for row, (left, right) in ((2, ("unit_name", "head_name")), (3, ("head_email", "head_phone"))):
        _unit_row(ws, row, official, unit[left].label, values[left], unit[right].label)
        _style_range(ws, row, 1, official, height=30)
        set_value(ws, row, 8, values[right])

    # Section line and table header.
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    set_value(ws, 4, 1, form.section)
    _style_range(ws, 4, 1, width, bold=True, height=24, align=WRAP_LEFT)
    header_row = 5
    for i, column in enumerate(columns, start=1):
        text = column.header + (form.optional_marker if column.extra and filing is None else "")
        set_value(ws, header_row, i, text)
    _style_range(ws, header_row, 1, width, bold=True, height=36)
    _shade_extras(ws, header_row, columns)

    # The hint under 服务项目, as printed on the form; the other headers span both rows.
    hint_row = header_row + 1
    services_col = 1 + [c.key for c in columns].index("services")
    set_value(ws, hint_row, services_col, form.hint)
    _style_range(ws, hint_row, 1, width, height=30, size=9)
    for col in range(1, width + 1):
        if col != services_col:
            ws.merge_cells(start_row=header_row, start_column=col, end_row=hint_row, end_column=col)
            ws.cell(row=header_row, column=col).font = Font(name=BODY_FONT, bold=True)

    row = hint_row
    station_list = list(stations)
    for n, station in enumerate(station_list, start=1):
        row += 1
        for i, column in enumerate(columns, start=1):
            value = _station_value(column, station, n)
            cell = set_value(ws, row, i, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif column.key == "head_mobile":
                cell.number_format = "@"
        # Two wrapped lines of the service list need about 36 points at the form's size.
        _style_range(ws, row, 1, width, height=36, align=WRAP_LEFT)
    blanks = 0 if filing is not None else TEMPLATE_BLANK_ROWS
    for n in range(len(station_list) + 1, len(station_list) + 1 + blanks):
        row += 1
        set_value(ws, row, 1, n)
        _style_range(ws, row, 1, width, height=30, align=WRAP_LEFT)
    for r in range(hint_row + 1, row + 1):
        ws.cell(row=r, column=1).alignment = WRAP_CENTER
    keys = [c.key for c in columns]
    if "datum" in keys and row > hint_row:
        # 坐标系 offers its three values as a drop-down; typed ones are read as well.
        letter = get_column_letter(1 + keys.index("datum"))
        choice = DataValidation(
            type="list", formula1='"' + ",".join(CELL_TEXT.values()) + '"', allow_blank=True
        )
        choice.add(f"{letter}{hint_row + 1}:{letter}{row}")
        ws.add_data_validation(choice)

    # Signature and stamp, then the remarks.
    row += 1
    _unit_row(ws, row, official, form.signature, "", form.stamp)
    _style_range(ws, row, 1, official, height=54)
    for remark in form.remarks:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        set_value(ws, row, 1, remark)
        ws.cell(row=row, column=1).font = Font(name=BODY_FONT, size=10)
        ws.cell(row=row, column=1).alignment = WRAP_LEFT
        ws.row_dimensions[row].height = 30

    _print_setup(ws, header_row, hint_row)
    return wb


def _unit_values(filing: FilingForm | None) -> dict[str, str]:
    if filing is None:
        return {"unit_name": "", "head_name": "", "head_email": "", "head_phone": ""}
    return {
        "unit_name": filing.unit_name,
        "head_name": filing.head_name,
        "head_email": filing.head_email,
        "head_phone": filing.head_phone,
    }


def _unit_row(ws: Worksheet, row: int, official: int, left: str, value: str, right: str) -> None:
    """Label in A:B, value in C:E, label in F:G, value in H:I (the paper form's grid)."""
    for start, end in ((1, 2), (3, 5), (6, 7), (8, official)):
        ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
    set_value(ws, row, 1, left)
    set_value(ws, row, 3, value)
    set_value(ws, row, 6, right)


def _style_range(
    ws: Worksheet,
    row: int,
    first: int,
    last: int,
    *,
    bold: bool = False,
    height: float | None = None,
    size: float = 11,
    align: Alignment = WRAP_CENTER,
) -> None:
    # Borders go on every cell of a merged range too, or the printed lines break.
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.border = BORDER
        cell.font = Font(name=BODY_FONT, size=size, bold=bold)
        cell.alignment = align
    if height:
        ws.row_dimensions[row].height = height


def _shade_extras(ws: Worksheet, row: int, columns: tuple[Column, ...]) -> None:
    for i, column in enumerate(columns, start=1):
        if column.extra:
            ws.cell(row=row, column=i).fill = EXTRA_FILL


def _print_setup(ws: Worksheet, header_row: int, hint_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed (可分页)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{hint_row}"
    ws.freeze_panes = ws.cell(row=hint_row + 1, column=1)


def _station_value(column: Column, station: Station, n: int):
    form = layout()
    key = column.key
    if key == "seq":
        return station.row_number or n
    if key == "hours":
        from ..parsing import format_hours

        return station.opening_hours_text or format_hours(station.opening_hours, station.open_24h)
    if key == "area":
        return _number(station.area_m2)
    if key == "services":
        return services_text(station)
    if key == "planned":
        return station.planned_completion
    if key == "head_mobile":
        return station.head_mobile
    if key == "district":
        return station.district
    if key == "carrier":
        return form.carrier.get(station.carrier_type, station.carrier_type)
    if key == "host_unit":
        return station.host_unit.name if station.host_unit_id else ""
    if key == "audience":
        return form.audience.get(station.audience, station.audience)
    if key in ("longitude", "latitude"):
        return _number(getattr(station, key))
    if key == "datum":
        # Stored positions are WGS-84 (stations/datum.py), so a file sent back reads the same.
        return CELL_TEXT[Datum.WGS84] if station.latitude is not None else None
    return getattr(station, key)


def services_text(station: Station) -> str:
    """服务项目 as the form words it: 饮水供给、手机充电、<other services>."""
    names = layout().services
    items = [names[code] for code in Service.values if code in station.services and code != "other"]
    if Service.OTHER in station.services or station.services_other:
        items.append(station.services_other or names["other"])
    return "、".join(items)


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def filing_workbook_bytes(filing: FilingForm, stations: Iterable[Station]) -> bytes:
    """The filing's workbook as a file, drawn once and kept under the digest of what its cells
    show: openpyxl's drawing and saving were nearly all of the download's time (some 60 ms
    for a filing of 29 stations at national size, issue 26), and a filing changes far less
    often than it is downloaded. Any change to a value the sheet shows is a new digest, hence
    a new drawing: no announcement has to reach the kept copy."""
    station_list = list(stations)
    key = WORKBOOK_KEY_PREFIX + _cells_digest(filing, station_list)
    return cache.get_or_set(
        key,
        lambda: workbook_bytes(filing_workbook(filing, station_list)),
        settings.FILING_WORKBOOK_CACHE_SECONDS,
    )


def template_workbook_bytes() -> bytes:
    """The blank template, kept as a filing's workbook is: the same for every clerk, drawn
    again only when the form's layout or the drawing's revision changes (its key holds both).
    Drawn and saved on every download it was 30–60 ms of openpyxl (issue 26)."""
    shown = [DRAWING_REVISION, repr(layout()), "the blank template"]
    key = WORKBOOK_KEY_PREFIX + hashlib.sha256(repr(shown).encode()).hexdigest()
    return cache.get_or_set(
        key, lambda: workbook_bytes(filing_workbook()), settings.FILING_WORKBOOK_CACHE_SECONDS
    )


def _cells_digest(filing: FilingForm, stations: list[Station]) -> str:
    """Every value filing_workbook writes for this filing, with the form's layout and the
    drawing's revision, hashed."""
    columns = layout().all_columns
    shown = [
        DRAWING_REVISION,
        repr(layout()),
        sorted(_unit_values(filing).items()),
        [[_station_value(c, s, n) for c in columns] for n, s in enumerate(stations, start=1)],
    ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


# Yuan, two decimals, thousands grouped: the money columns of the portal's workbooks.
MONEY_FORMAT = "#,##0.00"


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
