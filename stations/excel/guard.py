"""Measure an uploaded .xlsx before openpyxl builds anything from it.

An .xlsx is a zip of XML. A 221 KB upload can hold 99 MB of XML (19,990 rows × 330 cells),
and openpyxl turns every cell into a Python object: one web worker grew to 2.4 GB. A sheet's
declared ``<dimension>`` is the sender's claim and may lie (or be missing), so each sheet's
XML is also read once as a stream with expat, keeping nothing but counters, and refused at
the first row, column, cell count or merged range past the limits. Only then is the
workbook opened, with the streaming reader and the extents measured here.

The zip's declared sizes are checked first: Python's zipfile never inflates a member past
its declared size (it stops there and fails the CRC check), so the declared total bounds
what openpyxl or this module can ever read.
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
    """What the stream pass measured: the real extent and the merged ranges of one sheet."""

    title: str
    path: str
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    # (min_row, min_col, max_row, max_col), 1-based, as in the sheet's <mergeCell ref>.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def inspect_workbook(file) -> dict[str, SheetShape]:
    """Every worksheet's shape by title, or WorkbookError naming what is too large."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            _check_sizes(archive)
            shapes = {}
            for title, path in _worksheets(archive):
                shapes[title] = _measure(archive, title, path)
            return shapes
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError) as exc:
        raise not_a_workbook() from exc
    except expat.ExpatError as exc:
        raise not_a_workbook() from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(0)


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


def _measure(archive: zipfile.ZipFile, title: str, path: str) -> SheetShape:
    shape = SheetShape(title=title, path=path)
    state = {"row": 0, "col": 0, "merged_area": 0}

    def start(tag, attrs):
        tag = tag.rpartition(" ")[2]
        if tag == "c":
            ref = attrs.get("r")
            col = _ref(ref)[1] if ref else state["col"] + 1
            state["col"] = col
            shape.cells += 1
            if col > MAX_COLUMNS:
                raise _too_many_columns(title)
            if shape.cells > MAX_CELLS:
                raise _too_many_cells(title)
            shape.max_col = max(shape.max_col, col)
        elif tag == "row":
            text = attrs.get("r")
            row = int(text) if text and text.isdigit() else state["row"] + 1
            state["row"], state["col"] = row, 0
            if row > MAX_ROWS:
                raise _too_many_rows(title)
            shape.max_row = max(shape.max_row, row)
        elif tag == "mergeCell":
            bounds = _range(attrs.get("ref", ""))
            _check_extent(title, bounds[2], bounds[3])
            # Filling a merged range writes every cell it covers: bound the sum of areas.
            state["merged_area"] += (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1)
            if state["merged_area"] > MAX_CELLS:
                raise _too_many_cells(title)
            shape.merged.append(bounds)
        elif tag == "dimension":
            # The declared size: an honest giant is refused here, before any row is read.
            _min_row, _min_col, max_row, max_col = _range(attrs.get("ref", "A1"))
            _check_extent(title, max_row, max_col)

    _parse(archive, path, start)
    return shape
