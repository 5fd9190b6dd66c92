"""The streaming sheet writer of the registry export, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from stations.excel.stream import SheetStream


def _written(rows, **options) -> io.BytesIO:
    out = io.BytesIO()
    sheet = SheetStream(
        out,
        title=options.pop("title", "站点"),
        header=options.pop("header", ["a", "b", "c"]),
        **options,
    )
    for row in rows:
        sheet.append(row)
    sheet.close()
    out.seek(0)
    return out


def _sheet(rows, **options):
    return load_workbook(_written(rows, **options)).active


def test_values_come_back_as_their_types():
    moment = dt.datetime(2024, 3, 5, 14, 30)
    ws = _sheet([["站", 12, 1.5], [dt.date(2024, 3, 5), moment, None], [True, Decimal("2.5"), ""]])
    assert [c.value for c in ws[2]] == ["站", 12, 1.5]
    assert ws["A3"].value == dt.datetime(2024, 3, 5) and ws["A3"].number_format == "yyyy-mm-dd"
    assert ws["B3"].value == moment and ws["B3"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["C3"].value is None
    assert ws["A4"].value is True
    assert ws["B4"].value == "2.5"  # a type it does not know is written as its text
    assert ws["C4"].value is None


def test_the_header_is_bold_on_a_fill_and_the_panes_are_frozen():
    ws = _sheet([], header=["名称", "地址"], widths=[28, 34], freeze="C2")
    assert [c.value for c in ws[1]] == ["名称", "地址"]
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["A"].width == 28
    assert ws.column_dimensions["B"].width == 34


def test_formulas_never_run_and_markup_stays_text():
    ws = _sheet([["=1+2", "<b>&amp;</b>", "@x"]])
    assert [c.value for c in ws[2]] == ["'=1+2", "<b>&amp;</b>", "'@x"]
    assert all(c.data_type == "s" for c in ws[2])


def test_leading_and_trailing_spaces_are_kept():
    assert _sheet([["  两边  ", "a", "b"]])["A2"].value == "  两边  "


def test_a_sheet_title_excel_would_refuse_is_made_acceptable():
    title = load_workbook(_written([], title="站点/[2024]:*?" + "长" * 40)).sheetnames[0]
    assert title.startswith("站点") and "2024" in title
    assert len(title) <= 31
    assert not set(title) & set("[]:*?/\\")


@given(st.text(max_size=40))
def test_any_text_makes_a_readable_file(text):
    value = _sheet([[text, 1, 2]])["A2"].value
    kept = "".join(ch for ch in text if ch in "\t\n\r" or (ch >= " " and ch not in "\ufffe\uffff"))
    if kept.startswith(("=", "+", "-", "@", "\t", "\r")):
        kept = "'" + kept
    # openpyxl reads \r\n and \r as \n, as XML parsers must.
    assert (value or "") == kept.replace("\r\n", "\n").replace("\r", "\n")


def test_every_formula_trigger_is_one_character():
    # The writer checks a text's first character against them (stream._TRIGGERS).
    from stations.excel.writer import FORMULA_TRIGGERS

    assert all(len(trigger) == 1 for trigger in FORMULA_TRIGGERS)


def test_a_control_character_cannot_hide_a_formula():
    assert _sheet([["\x1d=9", "a", "b"]])["A2"].value == "'=9"
