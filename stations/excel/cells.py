"""A cell's value from its XML, as openpyxl's streaming reader gives it (``data_only``).

The sheets are read by the guard's own expat pass (guard.py), which measures each sheet as it
reads it and keeps each cell as written, instead of by openpyxl's worksheet reader: with
defusedxml installed, openpyxl parses a sheet with the pure-Python ElementTree, building an
element for every cell and value, and that second pass cost more than the whole of the
guard's (issue 26). The rest of the workbook (shared strings, styles, the date system) is
still read by openpyxl, once every sheet has been measured, and this module turns a cell's
type, style and text into the value openpyxl's ``WorkSheetParser.parse_cell`` would give,
with openpyxl's own helpers.
tests/stations/excel/test_sheets_read_as_openpyxl_reads_them.py compares the two on every
kind of cell.
"""

from __future__ import annotations

from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number


class CellValues:
    """The workbook's shared strings, date styles and date system, for one sheet's cells."""

    def __init__(self, ws) -> None:
        wb = ws.parent
        # What openpyxl's ReadOnlyWorksheet hands its own parser (worksheet/_read_only.py).
        self.shared_strings = ws._shared_strings
        self.date_formats = wb._date_formats
        self.timedelta_formats = wb._timedelta_formats
        self.epoch = wb.epoch

    def value(self, kind: str, style: str | None, text: str | None, inline: str | None):
        """``kind`` is the cell's ``t`` (default "n"), ``style`` its ``s``, ``text`` its
        ``<v>`` and ``inline`` its ``<is>`` text (None: no such child)."""
        style_id = int(style) if style else 0
        if kind == "inlineStr":
            return inline
        if not text:
            return None
        if kind == "n":
            number = _cast_number(text)
            if style_id in self.date_formats:
                try:
                    return from_excel(
                        number, self.epoch, timedelta=style_id in self.timedelta_formats
                    )
                except (OverflowError, ValueError):
                    return "#VALUE!"  # openpyxl's reading of a date out of range
            return number
        if kind == "s":
            return self.shared_strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A)
