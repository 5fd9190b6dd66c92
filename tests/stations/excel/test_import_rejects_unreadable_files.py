from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from .builders import HEADERS, as_file, clerk_workbook, station_row, xlsx


def only_message(result) -> str:
    assert result.filing is None
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.row is None
    return problem.message


def test_a_text_file_is_not_a_workbook(run_import, nothing_saved):
    message = only_message(run_import(io.BytesIO("序号,推荐站点名称\n1,某站".encode())))
    assert ".xlsx" in message
    nothing_saved()


def test_an_old_xls_file_is_refused_with_a_clear_message(run_import):
    ole_header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    assert ".xlsx" in only_message(run_import(io.BytesIO(ole_header)))


def test_a_truncated_workbook_is_refused(run_import):
    data = xlsx([station_row(1)]).getvalue()
    assert ".xlsx" in only_message(run_import(io.BytesIO(data[: len(data) // 2])))


def test_a_zip_that_is_not_a_workbook_is_refused(run_import):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert ".xlsx" in only_message(run_import(buffer))


def test_an_empty_sheet_has_no_form(run_import, nothing_saved):
    message = only_message(run_import(as_file(Workbook())))
    assert "推荐站点名称" in message
    nothing_saved()


def test_a_sheet_without_the_header_row_has_no_form(run_import):
    wb = Workbook()
    wb.active.append(["站名", "位置"])
    wb.active.append(["某站", "某路1号"])
    assert "地址" in only_message(run_import(as_file(wb)))


def test_a_header_row_missing_a_required_column_names_it(run_import, nothing_saved):
    wb = clerk_workbook([station_row(1)], headers={**HEADERS, "hours": "备用"})
    result = run_import(as_file(wb))
    assert [p.column for p in result.problems] == ["开放时间"]
    assert result.problems[0].row == 5
    nothing_saved()


def test_a_form_with_no_station_row_is_refused(run_import, nothing_saved):
    result = run_import(xlsx([]))
    assert [p.message for p in result.problems] == ["备案表中没有填写任何站点。"]
    nothing_saved()


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_parsing(run_import, monkeypatch):
    from stations.excel import guard

    monkeypatch.setattr(guard, "MAX_UNPACKED_BYTES", 1000)
    result = run_import(xlsx([station_row(1)]))
    assert "拆分" in only_message(result)


def test_a_sheet_with_too_many_rows_is_refused(run_import, monkeypatch):
    from stations.excel import guard

    monkeypatch.setattr(guard, "MAX_ROWS", 5)
    assert "拆分" in only_message(run_import(xlsx([station_row(1), station_row(2)])))
