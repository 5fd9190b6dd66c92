"""A one-sheet workbook written straight to its file, row by row, at a few microseconds a cell.

The registry export writes every field of every station: 36 columns, 7.2 million cells at
national size (200,000 stations). openpyxl's write-only mode spends about 20 µs on each
cell (an XML element object per cell, serialised by pure-Python et_xmlfile) and XlsxWriter's
constant-memory mode about 13 µs: 160 s and 100 s for the cells alone on the 2-core machine
of docs/BENCHMARKS.md, against a target of 60 s for the whole job. This writer formats each
row as SpreadsheetML text and streams it into the zip, so the cost per cell is one
formatting step and memory stays flat however many rows there are.

It writes what the export needs and nothing else: one worksheet, a styled header row,
column widths, frozen panes, text (as inline strings), numbers, dates and date-times.
Every text is neutralised against formulas (``writer.neutralise``) and stripped of the
control characters XML cannot carry, so no value can make a cell run or break the file.
Files are read back with openpyxl in the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from html import escape
from typing import IO

from openpyxl.utils import column_index_from_string, get_column_letter

from .writer import BODY_FONT, FORMULA_TRIGGERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's day 0 (1899-12-30, as the 1900 date system counts with its leap-year quirk).
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
# XML 1.0 cannot carry these, even escaped; openpyxl refuses such a text outright.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What a text needs done before it goes into the XML: escaping or dropping.
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The first characters that make a spreadsheet run a text as a formula (each one character).
_TRIGGERS = frozenset(FORMULA_TRIGGERS)
# Rows are handed to the zip this many at a time.
_BATCH = 500
# A sheet's XML grows about 2 KB a row here; past 2 GiB a zip entry needs the Zip64
# extension, which some spreadsheet programs warn about, so it is used only when needed.
ZIP64_ROWS = 500_000

# cellXfs of styles.xml, by position.
_DATE, _DATETIME, _HEADER = 1, 2, 3

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""

_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<bookViews><workbookView/></bookViews>\
<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>"""

_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""

# One font for the sheet (宋体, as the filing form), bold on a light blue fill for the header.
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>\
<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="{font}"/><family val="3"/></font>\
<font><b/><sz val="11"/><name val="{font}"/><family val="3"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>\
</patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" \
applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""

_SHEET_START = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>"""

_SHEET_END = "</sheetData></worksheet>"


_TEXT_OPEN = '" t="inlineStr"><is><t>'
# Spreadsheet programs trim a text's leading and trailing white space unless told not to.
_TEXT_OPEN_KEEP = '" t="inlineStr"><is><t xml:space="preserve">'
_TEXT_CLOSE = "</t></is></c>"
_SPACE = frozenset(" \t\n\r\u3000")


def _text(value: str) -> str:
    """A text cell ("" for an empty text: no cell). Runs for millions of cells, hence the
    inlined writer.neutralise and the escaping only when a character needs it."""
    special = _SPECIAL.search(value)
    if special:
        # Dropped first, so that a control character cannot hide a leading "=".
        value = _ILLEGAL.sub("", value)
    if not value:
        return ""
    if value[0] in _TRIGGERS:
        value = "'" + value
    if special:
        value = escape(value, quote=False)
    if value[0] in _SPACE or value[-1] in _SPACE:
        return _TEXT_OPEN_KEEP + value + _TEXT_CLOSE
    return _TEXT_OPEN + value + _TEXT_CLOSE


def _int(value: int) -> str:
    return f'"><v>{value:d}</v></c>'


def _float(value: float) -> str:
    return f'"><v>{value!r}</v></c>'


def _date(value: dt.date) -> str:
    return f'" s="{_DATE}"><v>{value.toordinal() - _EXCEL_EPOCH}</v></c>'


def _datetime(value: dt.datetime) -> str:
    # Local wall-clock time: Excel has no time zones (the caller converts).
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    serial = value.toordinal() - _EXCEL_EPOCH + seconds / 86400
    return f'" s="{_DATETIME}"><v>{serial!r}</v></c>'


def _bool(value: bool) -> str:
    return f'" t="b"><v>{value:d}</v></c>'


# The cell's text after its reference, by the value's exact type (one lookup a cell); None
# for no cell at all.
_CELLS = {
    type(None): None,
    str: _text,
    int: _int,
    float: _float,
    bool: _bool,
    dt.date: _date,
    dt.datetime: _datetime,
}


def _cell(value) -> str:
    """Values of other types: subclasses by what they are, anything else as its text."""
    if value is None:
        return ""
    for kind in (bool, int, float, dt.datetime, dt.date, str):
        if isinstance(value, kind):
            return _CELLS[kind](value)
    return _text(str(value))


class SheetStream:
    """Write ``header`` then each row appended, into the zip file ``out``; ``close()`` ends it.

    ``widths`` are column widths in characters; ``freeze`` is the first cell that scrolls
    (``"C2"``: the header row and the first two columns stay in view).
    """

    def __init__(
        self,
        out: IO[bytes],
        *,
        title: str,
        header: Sequence[str],
        widths: Sequence[float] = (),
        freeze: str = "",
        expected_rows: int = 0,
    ) -> None:
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES)
        self._zip.writestr("_rels/.rels", _RELS)
        self._zip.writestr("xl/workbook.xml", _WORKBOOK.format(title=_attr(_sheet_title(title))))
        self._zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        self._zip.writestr("xl/styles.xml", _STYLES.format(font=_attr(BODY_FONT)))
        self._sheet = self._zip.open(
            "xl/worksheets/sheet1.xml", "w", force_zip64=expected_rows > ZIP64_ROWS
        )
        # '<c r="A', '<c r="B', ...: a cell is this, its row number, and its value's text.
        self._refs = [f'<c r="{get_column_letter(i)}' for i in range(1, len(header) + 1)]
        self._rows = 0
        self._pending: list[str] = []
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        self._write(_SHEET_START.format(pane=_pane(freeze), cols=cols))
        self._rows = 1
        self._pending.append(
            '<row r="1">'
            + "".join(
                f'{ref}1" s="{_HEADER}' + _text(str(name))
                for ref, name in zip(self._refs, header, strict=True)
                if str(name)
            )
            + "</row>"
        )

    @property
    def rows(self) -> int:
        """Rows written so far, the header included."""
        return self._rows

    def append(self, values: Iterable) -> None:
        """One row: text, numbers, dates, local date-times; None or "" leaves a cell empty."""
        self._rows += 1
        n = str(self._rows)
        get = _CELLS.get
        parts = [f'<row r="{n}">']
        add = parts.append
        for ref, value in zip(self._refs, values):  # noqa: B905 (the header fixes the width)
            make = get(type(value), _cell)
            if make is not None:
                cell = make(value)
                if cell:
                    add(ref + n + cell)
        add("</row>")
        self._pending.append("".join(parts))
        if len(self._pending) >= _BATCH:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._write(_SHEET_END)
        self._sheet.close()
        self._zip.close()

    def _flush(self) -> None:
        if self._pending:
            self._write("".join(self._pending))
            self._pending = []

    def _write(self, text: str) -> None:
        self._sheet.write(text.encode("utf-8"))


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _sheet_title(title: str) -> str:
    # Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\ .
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", _ILLEGAL.sub("", title)).strip("' ")
    return cleaned[:31] or "Sheet1"


def _pane(freeze: str) -> str:
    if not freeze:
        return ""
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", freeze).groups()
    x, y = column_index_from_string(column) - 1, int(row) - 1
    split = (f'xSplit="{x}" ' if x else "") + (f'ySplit="{y}" ' if y else "")
    active = {(True, True): "bottomRight", (True, False): "topRight"}.get(
        (bool(x), bool(y)), "bottomLeft"
    )
    return (
        f'<pane {split}topLeftCell="{freeze}" activePane="{active}" state="frozen"/>'
        f'<selection pane="{active}" activeCell="{freeze}" sqref="{freeze}"/>'
    )
