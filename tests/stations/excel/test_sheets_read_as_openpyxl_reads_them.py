"""The guard's one pass over a sheet reads every cell as openpyxl's streaming reader does
(issue 26: the sheet is parsed once, by the pass that measures it, not twice)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from stations.excel.cells import CellValues
from stations.excel.guard import Package
from stations.excel.reader import _grid

from .hostile import xlsx_bytes


def read_both(file) -> tuple[list[list], list[list]]:
    """(the guard's grid, openpyxl's values) of the first sheet, without merged ranges."""
    with Package(file) as package:
        shape = package.read(next(iter(package.sheets)))
    shape.merged = []
    wb = load_workbook(file, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ours = _grid(shape, CellValues(ws))
    theirs = [
        list(row)
        for row in ws.iter_rows(max_row=shape.max_row, max_col=shape.max_col, values_only=True)
    ]
    wb.close()
    return ours, theirs


def test_every_kind_of_cell_openpyxl_writes_reads_the_same():
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "推荐站点名称", "text with  spaces ", "=1+1"])
    ws.append([1, 2.5, -3e-7, 13812345678, True, False])
    ws.append([dt.date(2018, 12, 31), dt.datetime(2018, 10, 1, 9, 30), dt.time(9, 0)])
    ws["B3"].number_format = "yyyy年m月"
    ws.cell(7, 9, "far away")  # rows 4 to 6 missing, a wider row
    ws.cell(8, 2, "")
    ws.cell(9, 1).number_format = "0.00"  # a styled cell with no value
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    ours, theirs = read_both(buffer)
    assert ours == theirs
    assert ours[2][0] == dt.datetime(2018, 12, 31)


def test_inline_strings_errors_and_odd_rows_read_the_same():
    rows = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 南京东路 </t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><t>中国</t></r><r><rPr><b/></rPr><t>邮政</t></r>'
        '<rPh sb="0" eb="2"><t>ゆうせい</t></rPh></is></c>'
        '<c r="C1" t="inlineStr"/><c r="D1" t="e"><v>#N/A</v></c>'
        '<c r="E1" t="str"><f>A1</f><v>南京东路</v></c><c r="F1" t="b"><v>1</v></c></row>',
        '<row r="3"><c><v>7</v></c><c><v>1.5E3</v></c><c r="E3"><v></v></c></row>',
        # numbered below a row already read: dropped, as openpyxl drops it
        '<row r="2"><c r="A2"><v>99</v></c></row>',
        '<row><c r="B4" t="d"><v>2018-12-01T00:00:00</v></c></row>',
        '<row r="6" ht="20" customHeight="1"/>',
    ]
    ours, theirs = read_both(xlsx_bytes(rows))
    assert ours == theirs
    assert ours[0][:2] == [" 南京东路 ", "中国邮政"]


def test_a_malformed_reference_is_refused_after_well_formed_ones_with_its_letters():
    from stations.excel.guard import WorkbookError, _column_of

    assert (_column_of("B7"), _column_of("$B$8"), _column_of("B9")) == (2, 2, 2)
    for ref in ("B12345678", "B", "b7", "B7B", "AAAA1"):
        with pytest.raises(WorkbookError):
            _column_of(ref)
