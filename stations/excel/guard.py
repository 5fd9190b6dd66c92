"""Measure an uploaded .xlsx as it is read, and refuse it at the first thing too large.

An .xlsx is a zip of XML. A 221 KB upload can hold 99 MB of XML (19,990 rows × 330 cells),
and openpyxl turns every cell into a Python object: one web worker grew to 2.4 GB. A sheet's
declared ``<dimension>`` is the sender's claim and may lie (or be missing), so each sheet's
XML is read as a stream with expat that counts as it goes and refuses the sheet at the first
row, column, cell count or merged range past the limits. The same pass keeps each cell's
value (cells.py turns its XML into the value openpyxl would give): a sheet is parsed once,
and nothing of it is built before it has been measured up to that point.

The zip's declared sizes are checked first, before openpyxl reads the workbook's other parts
(shared strings, styles): Python's zipfile never inflates a member past its declared size
(it stops there and fails the CRC check), so the declared total bounds what openpyxl or this
module can ever read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from django.utils.translation import gettext as _

# More rows than any union files in a year; a guard against runaway sheets, not a quota.
MAX_ROWS = 20_000
# 附件1 has 12 columns and the portal's extras 6 more; clerks add a few notes columns.
MAX_COLUMNS = 64
# A full 20,000-row form with every optional column filled in.
MAX_CELLS = 20_000 * 20
# A 20,000-row form unpacks to about 13 MB of XML.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
# Parts that openpyxl reads whole into memory (styles, workbook, relationships): a normal
# styles.xml is well under 1 MB.
MAX_PART_BYTES = 5 * 1024 * 1024
MAX_PARTS = 1_000
_STREAMED_PARTS = re.compile(r"^xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)$")
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MB = 1024 * 1024


class WorkbookError(Exception):
    """The file as a whole cannot be read (not .xlsx, corrupt, too large, no form in it)."""


def not_a_workbook() -> WorkbookError:
    return WorkbookError(
        _(
            "The file cannot be read as an Excel workbook (.xlsx). Open it in Excel or "
            "WPS, save it as “Excel Workbook (*.xlsx)” and upload it again."
        )
    )


@dataclass
class SheetShape:
    """What the stream pass read: the real extent, the merged ranges and the cells' values."""

    title: str
    path: str
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    # (min_row, min_col, max_row, max_col), 1-based, as in the sheet's <mergeCell ref>.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (row number, cells by column from A), in the file's order; a row numbered at or below
    # one already read is dropped, as openpyxl's reader drops it. A cell is None when it has
    # no value, else a tuple as written (type, style, <v> text, <is> text): its value needs
    # the shared strings and styles, which openpyxl reads once the sheets have been measured
    # (cells.CellValues).
    rows: list[tuple[int, list]] = field(default_factory=list)


class Package:
    """An upload's zip, its declared sizes checked and its worksheets found; ``read`` reads
    one sheet. Use it as a context manager; everything unreadable is WorkbookError."""

    def __init__(self, file) -> None:
        self._file = file
        if hasattr(file, "seek"):
            file.seek(0)
        try:
            self._archive = zipfile.ZipFile(file)
        except _UNREADABLE as exc:
            raise not_a_workbook() from exc
        try:
            _check_sizes(self._archive)
            # Worksheet paths by title, as openpyxl finds them.
            self.sheets: dict[str, str] = dict(_worksheets(self._archive))
        except _UNREADABLE as exc:
            self.close()
            raise not_a_workbook() from exc
        except WorkbookError:
            self.close()
            raise

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._archive.close()
        if hasattr(self._file, "seek"):
            self._file.seek(0)

    def read(self, title: str) -> SheetShape:
        """The sheet ``title`` read and measured, each cell as it is written (see ``_read``)."""
        try:
            return _read(self._archive, title, self.sheets[title])
        except _UNREADABLE as exc:
            raise not_a_workbook() from exc


_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    expat.ExpatError,
)


def _check_sizes(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            _(
                "The workbook unpacks to %(size)s MB, more than the %(max)s MB a filing form "
                "can have; split it into several files."
            )
            % {"size": max(1, round(unpacked / _MB)), "max": MAX_UNPACKED_BYTES // _MB}
        )
    for info in infos:
        if info.file_size > MAX_PART_BYTES and not _STREAMED_PARTS.match(info.filename):
            raise WorkbookError(
                _("The workbook is too large to be a filing form; split it into several files.")
            )


# --- Which parts are worksheets: the package's own relationships, as openpyxl reads them --


def _parse(archive: zipfile.ZipFile, path: str, start) -> None:
    parser = _parser()
    parser.StartElementHandler = start
    with archive.open(path) as stream:
        parser.ParseFile(stream)


def _relationships(archive: zipfile.ZipFile, path: str) -> list[tuple[str, str, str]]:
    """(Id, Type, absolute target) of a part's relationships file."""
    found: list[tuple[str, str, str]] = []
    base = posixpath.dirname(posixpath.dirname(path))  # xl/_rels/x.rels -> xl

    def start(tag, attrs):
        if tag.rpartition(" ")[2] == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.join(base, target)
            found.append((attrs.get("Id", ""), attrs.get("Type", ""), posixpath.normpath(target)))

    _parse(archive, path, start)
    return found


def _worksheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = next(
        (
            t
            for _i, kind, t in _relationships(archive, "_rels/.rels")
            if kind.endswith(_OFFICE_DOCUMENT)
        ),
        None,
    )
    if workbook is None:
        raise not_a_workbook()
    folder, name = posixpath.split(workbook)
    rels = {
        rid: target
        for rid, kind, target in _relationships(archive, f"{folder}/_rels/{name}.rels")
        if kind.endswith(_WORKSHEET)
    }
    sheets: list[tuple[str, str]] = []

    def start(tag, attrs):
        if tag.rpartition(" ")[2] == "sheet":
            rid = attrs.get(f"{_REL_NS} id")
            if rid in rels:
                sheets.append((attrs.get("name", ""), rels[rid]))

    _parse(archive, workbook, start)
    return sheets


# --- The stream pass over one sheet ----------------------------------------------------


def _parser():
    """An expat parser that refuses DTDs, so no entity can expand (billion laughs)."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_args):
        raise not_a_workbook()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _ref(text: str) -> tuple[int, int]:
    """(row, column) of an A1 reference."""
    match = _CELL_REF.match(text or "")
    if not match:
        raise not_a_workbook()
    return int(match.group(2)), _column_number(match.group(1))


# Column numbers by the letters of references already checked (A, B, $C$, …): a sheet names
# the same few columns in every row, and the regular expression cost more than the lookup.
_COLUMNS: dict[str, int] = {}


def _column_of(ref: str) -> int:
    """The column of a cell's A1 reference, refused as ``_ref`` refuses it."""
    letters = ref.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    # Known letters followed by 1 to 7 digits is the form _ref checks.
    if column is None or not 1 <= len(ref) - len(letters) <= 7:
        column = _ref(ref)[1]
        if column <= MAX_COLUMNS:  # only the columns a form may have: the memo stays small
            _COLUMNS[letters] = column
    return column


def _range(text: str) -> tuple[int, int, int, int]:
    first, _colon, last = (text or "").partition(":")
    (r1, c1), (r2, c2) = _ref(first), _ref(last or first)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _too_many_rows(title: str) -> WorkbookError:
    return WorkbookError(
        _("The sheet “%(sheet)s” has more than %(max)s rows; split the filing.")
        % {"sheet": title, "max": MAX_ROWS}
    )


def _too_many_columns(title: str) -> WorkbookError:
    return WorkbookError(
        _(
            "The sheet “%(sheet)s” has more than %(max)s columns; delete the columns that "
            "are not part of the filing form and upload it again."
        )
        % {"sheet": title, "max": MAX_COLUMNS}
    )


def _too_many_cells(title: str) -> WorkbookError:
    return WorkbookError(
        _(
            "The sheet “%(sheet)s” has more than %(max)s filled-in or merged cells; "
            "split the filing."
        )
        % {"sheet": title, "max": MAX_CELLS}
    )


def _check_extent(title: str, max_row: int, max_col: int) -> None:
    if max_row > MAX_ROWS:
        raise _too_many_rows(title)
    if max_col > MAX_COLUMNS:
        raise _too_many_columns(title)


def _row_number(text: str | None, previous: int) -> int:
    """A <row>'s number as openpyxl reads it: its ``r``, else the one after the last."""
    if not text:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise
        return int(number)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
_C, _V, _IS, _T, _PHONETIC, _ROW = (_MAIN + name for name in ("c", "v", "is", "t", "rPh", "row"))


def _read(archive: zipfile.ZipFile, title: str, path: str) -> SheetShape:
    """One expat pass: every limit checked as the element that could break it starts, and
    the cells of the spreadsheet namespace kept as they are written.

    Limits count elements by their local name, whatever their namespace; values are read
    from the elements openpyxl reads (a cell's first <v>, or the runs of its <is> without
    their phonetic guide, <rPh>)."""
    max_rows, max_columns, max_cells = MAX_ROWS, MAX_COLUMNS, MAX_CELLS
    shape = SheetShape(title=title, path=path)
    rows = shape.rows
    row = col = cells = merged_area = last_kept = 0
    line: list | None = None  # the values of the row being read, None when it is dropped
    in_cell = in_inline = in_phonetic = False
    kind = style = text = inline = None
    parts: list[str] | None = None  # the text being collected, if any

    def measure_cell(ref: str | None) -> None:
        nonlocal col, cells
        col = _column_of(ref) if ref else col + 1
        cells += 1
        if col > max_columns:
            raise _too_many_columns(title)
        if cells > max_cells:
            raise _too_many_cells(title)
        if col > shape.max_col:
            shape.max_col = col

    def start(tag, attrs):
        nonlocal row, col, merged_area, last_kept, line, in_cell, in_inline, in_phonetic
        nonlocal kind, style, text, inline, parts
        if tag == _C:
            measure_cell(attrs.get("r"))
            in_cell, kind, style, text, inline = (
                True,
                attrs.get("t", "n"),
                attrs.get("s"),
                None,
                None,
            )
        elif tag == _V:
            if in_cell and not in_inline and text is None:
                parts = []
        elif tag == _T:
            if in_inline and not in_phonetic:
                parts = []
        elif tag == _IS:
            if in_cell:
                in_inline, inline = True, ""
        elif tag == _PHONETIC:
            in_phonetic = True
        elif tag == _ROW:
            row, col = _row_number(attrs.get("r"), row), 0
            if row > max_rows:
                raise _too_many_rows(title)
            if row > shape.max_row:
                shape.max_row = row
            if row > last_kept:
                line, last_kept = [], row
                rows.append((row, line))
            else:
                line = None
        else:
            local = tag.rpartition(" ")[2]
            if local == "c":
                measure_cell(attrs.get("r"))
            elif local == "row":
                text_r = attrs.get("r")
                row = int(text_r) if text_r and text_r.isascii() and text_r.isdigit() else row + 1
                col = 0
                if row > max_rows:
                    raise _too_many_rows(title)
                shape.max_row = max(shape.max_row, row)
            elif local == "mergeCell":
                bounds = _range(attrs.get("ref", ""))
                _check_extent(title, bounds[2], bounds[3])
                # Filling a merged range writes every cell it covers: bound the sum of areas.
                merged_area += (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1)
                if merged_area > max_cells:
                    raise _too_many_cells(title)
                shape.merged.append(bounds)
            elif local == "dimension":
                # The declared size: an honest giant is refused here, before any row is read.
                _min_row, _min_col, max_row, max_col = _range(attrs.get("ref", "A1"))
                _check_extent(title, max_row, max_col)

    def end(tag):
        nonlocal in_cell, in_inline, in_phonetic, text, inline, parts
        if tag == _C:
            if line is not None:
                if len(line) < col:
                    line.extend([None] * (col - len(line)))
                # No <v> text and no <is>: no value, whatever the type (cells.CellValues).
                line[col - 1] = (kind, style, text, inline) if text or inline is not None else None
            in_cell = False
        elif parts is not None and tag == _V:
            text, parts = "".join(parts), None
        elif parts is not None and tag == _T:
            inline, parts = inline + "".join(parts), None
        elif tag == _IS:
            in_inline = False
        elif tag == _PHONETIC:
            in_phonetic = False

    def characters(data):
        if parts is not None:
            parts.append(data)

    parser = _parser()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    with archive.open(path) as stream:
        parser.ParseFile(stream)
    shape.cells = cells
    return shape
