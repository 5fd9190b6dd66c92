"""Read a filled-in 附件1 the way clerks really fill it.

The header row is found by its text, wherever it is; the unit fields come from the rows
above it; the hint row, blank rows, repeated headers and everything from the signature row
on are skipped. Merged ranges are filled with their top-left value first, so a station name
merged over two rows, or a unit value merged over three columns, reads like any other cell.

Before openpyxl sees the file, ``guard.Package`` checks the zip's sizes and reads each
sheet once with its stream pass, which measures the sheet as it goes (rows, columns, cells
and merged ranges), refuses what is too large, and keeps the cells as written and the merged
ranges (openpyxl's streaming reader has none). openpyxl's streaming reader (``read_only``)
then reads the shared strings, styles and sheet names, from which each cell's value is
made as openpyxl would make it (cells.py). bench/bench_import.py
measures the import against openpyxl's own streaming parse (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..parsing import normalize_text
from .cells import CellValues
from .guard import Package, SheetShape, WorkbookError, not_a_workbook
from .layout import Column, key_text, layout

__all__ = ["FilingSheet", "SheetRow", "UnitValue", "WorkbookError", "read_filing"]

_NEUTRALISED = re.compile(r"^'(?=[=+\-@])")
_INLINE_VALUE = re.compile(r"^[^:：]*[:：]\s*(?P<value>.+)$")


@dataclass(frozen=True)
class UnitValue:
    value: object
    row: int | None  # None when the label was not found
    sheet: str


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    number: int  # the Excel row number, as the clerk sees it
    values: dict[str, object]
    letters: dict[str, str]


@dataclass
class FilingSheet:
    """What the reader found: the unit fields, missing columns and the station rows."""

    unit: dict[str, UnitValue] = field(default_factory=dict)
    rows: list[SheetRow] = field(default_factory=list)
    missing_columns: list[tuple[str, int, Column]] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    header_row: int = 0


def open_workbook(file):
    """The workbook (streaming), for its shared strings, styles and sheets; or WorkbookError."""
    try:
        # data_only: a 序号 typed as =ROW()-6 reads as its number, not the formula.
        # keep_links=False: external links are not read, let alone followed.
        return load_workbook(file, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a corrupt or foreign file fails anywhere inside openpyxl
        raise not_a_workbook() from exc


def read_filing(file) -> FilingSheet:
    result = FilingSheet()
    # Every sheet is measured (and refused if too large) before openpyxl opens the workbook.
    with Package(file) as package:
        shapes = {title: package.read(title) for title in package.sheets}
    wb = open_workbook(file)
    try:
        for ws in wb.worksheets:
            shape = shapes.get(ws.title)
            if shape is None:  # a sheet the package does not list
                continue
            try:
                grid = _grid(shape, CellValues(ws))
            except Exception as exc:  # a cell that names no shared string, a bad number
                raise not_a_workbook() from exc
            header = _find_header(grid)
            if header is None:
                continue
            header_row, columns = header
            result.sheets.append(ws.title)
            result.header_row = result.header_row or header_row
            present = {column.key for column in columns.values()}
            for column in layout().columns:
                if column.required and column.key not in present:
                    result.missing_columns.append((ws.title, header_row, column))
            for key, unit in _unit_values(grid, header_row, ws.title).items():
                if key not in result.unit or result.unit[key].value in (None, ""):
                    result.unit[key] = unit
            result.rows.extend(_station_rows(grid, header_row, columns, ws.title))
    finally:
        wb.close()
    if not result.sheets:
        raise WorkbookError(
            _(
                "No filing form was found in the file: no row has the headers “%(name)s” and "
                "“%(address)s”. Please use the template of Annex 1."
            )
            % {"name": layout().column("name").header, "address": layout().column("address").header}
        )
    return result


def _grid(shape: SheetShape, values: CellValues) -> list[list[object]]:
    """The sheet's values, row by row, with every merged range filled from its top-left.

    The extent is the one measured by the stream pass, not the sheet's declared dimension,
    which may be missing or wrong (a smaller one would drop rows silently); every row is as
    wide as the widest, and a row missing from the file is a row of None.
    """
    if not shape.max_row or not shape.max_col:
        return []
    width = shape.max_col
    grid: list[list[object]] = []
    value_of = values.value
    for number, cells in shape.rows:
        while len(grid) < number - 1:
            grid.append([None] * width)
        line = [None if cell is None else value_of(*cell) for cell in cells]
        cells.clear()  # the cells as written are let go row by row: never two copies whole
        line.extend([None] * (width - len(line)))
        grid.append(line)
    while len(grid) < shape.max_row:
        grid.append([None] * width)
    for min_row, min_col, max_row, max_col in shape.merged:
        if min_row > len(grid):
            continue
        value = grid[min_row - 1][min_col - 1] if min_col <= len(grid[min_row - 1]) else None
        for r in range(min_row, min(max_row, len(grid)) + 1):
            line = grid[r - 1]
            if len(line) < max_col:
                line.extend([None] * (max_col - len(line)))
            for c in range(min_col, max_col + 1):
                line[c - 1] = value
    return grid


def _cell(value):
    if isinstance(value, str):
        value = _NEUTRALISED.sub("", value)
        return normalize_text(value)
    return value


def _find_header(grid) -> tuple[int, dict[int, Column]] | None:
    """The first row naming at least the station name and address columns."""
    for index, line in enumerate(grid):
        columns = _match_columns(line)
        if {"name", "address"} <= {column.key for column in columns.values()}:
            return index + 1, columns
    return None


def _match_columns(line) -> dict[int, Column]:
    """Excel column number -> the form's column its header names (first match wins)."""
    found: dict[int, Column] = {}
    taken: set[str] = set()
    for col, value in enumerate(line, start=1):
        text = key_text(value)
        if not text:
            continue
        for column in layout().all_columns:
            if column.key not in taken and text in column.aliases:
                found[col] = column
                taken.add(column.key)
                break
    return found


def _unit_values(grid, header_row: int, sheet: str) -> dict[str, UnitValue]:
    """推荐单位名称 / 负责人姓名 / 负责人邮箱 / 负责人电话 from the rows above the header."""
    fields = layout().unit
    found: dict[str, UnitValue] = {}
    for r in range(header_row - 1):
        line = grid[r]
        for c, raw in enumerate(line):
            text = key_text(raw)
            if not text:
                continue
            unit = next(
                (u for u in fields if any(text.startswith(a) for a in u.aliases)),
                None,
            )
            if unit is None or unit.key in found:
                continue
            found[unit.key] = UnitValue(_value_after(line, c), r + 1, sheet)
    return found


def _value_after(line, c: int):
    """The value beside a label: typed after a colon in the label cell, or the next cell."""
    label = line[c]
    inline = _INLINE_VALUE.match(str(label)) if isinstance(label, str) else None
    if inline and not key_text(inline.group("value")).startswith("("):
        return _cell(inline.group("value"))
    all_labels = [a for u in layout().unit for a in u.aliases]
    for value in line[c + 1 :]:
        if value is None or value == label or (isinstance(value, str) and not value.strip()):
            continue
        if any(key_text(value).startswith(a) for a in all_labels):
            return ""  # the next label: this one was left blank
        return _cell(value)
    return ""


_BRACKETS = re.compile(r"[\s()（）\[\]【】]+")


def _plain(value) -> str:
    """Text without spaces and bracket characters (their content stays)."""
    if not isinstance(value, str):
        return ""
    return _BRACKETS.sub("", normalize_text(value))


def _station_rows(grid, header_row: int, columns: dict[int, Column], sheet: str) -> list[SheetRow]:
    form = layout()
    # The hint row under the headers: （饮水供给、避暑取暖、…）, matched on its first items.
    hint = _plain(form.hint)[:12]
    name_col = next(col for col, column in columns.items() if column.key == "name")
    name_aliases = layout().column("name").aliases
    # Only cells that could start a marker are normalised: this loop runs for every row.
    firsts = {m[0] for m in form.stop_markers} | {hint[0], "(", "（"}
    rows: list[SheetRow] = []
    # Every row names its cells by the same letters; they are only read (problems' places).
    letters = {column.key: get_column_letter(col) for col, column in columns.items()}
    # A text typed in many rows (hours, services, the completion month) is cleaned once.
    cleaned: dict[str, object] = {}

    def cell(value):
        if not isinstance(value, str):
            return _cell(value)
        found = cleaned.get(value)
        if found is None:
            found = cleaned[value] = _cell(value)
        return found

    reading = True
    for r in range(header_row, len(grid)):
        line = grid[r]
        filled = [v for v in line if v is not None and (not isinstance(v, str) or v.strip())]
        candidates = [_plain(v) for v in filled if isinstance(v, str) and v.lstrip()[:1] in firsts]
        if any(t.startswith(form.stop_markers) for t in candidates):
            reading = False  # the signature rows and 备注: the table has ended
            continue
        name_cell = line[name_col - 1] if name_col - 1 < len(line) else None
        if key_text(name_cell) in name_aliases:
            reading = True  # the header repeated for the next page (可分页)
            continue
        hint_only = len(candidates) == len(filled) and all(t.startswith(hint) for t in candidates)
        if not reading or (filled and hint_only):
            continue  # the hint row: only （饮水供给、避暑取暖、…） in it
        values = {
            column.key: cell(line[col - 1]) if col - 1 < len(line) else None
            for col, column in columns.items()
        }
        if all(v in (None, "") for k, v in values.items() if k != "seq"):
            continue  # a blank row, perhaps pre-numbered
        rows.append(SheetRow(sheet, r + 1, values, letters))
    return rows
