"""A file with any bad row saves nothing and names every bad row and column."""

from __future__ import annotations

from django.utils import translation

from .builders import UNIT, first_station_row, station_row, xlsx

FIRST = first_station_row()


def problems_by_cell(result):
    return {(p.row, p.column): p.message for p in result.problems}


def test_every_bad_row_is_reported_and_nothing_is_saved(run_import, nothing_saved):
    rows = [
        station_row(1),
        station_row(2, name=""),
        station_row(3, head_mobile="1381234"),
        station_row(4, area="很大"),
        station_row(5, hours="看情况"),
        station_row(6, planned="明年"),
        station_row(7, head_mobile="123", area="0"),
        station_row(8),
    ]
    result = run_import(xlsx(rows))
    assert not result.ok
    assert result.filing is None
    nothing_saved()
    assert set(problems_by_cell(result)) == {
        (FIRST + 1, "推荐站点名称"),
        (FIRST + 2, "负责人手机"),
        (FIRST + 3, "站点区域面积"),
        (FIRST + 4, "开放时间"),
        (FIRST + 5, "计划完成时间"),
        (FIRST + 6, "负责人手机"),
        (FIRST + 6, "站点区域面积"),
    }


def test_problems_come_in_row_then_column_order(run_import):
    rows = [station_row(1, planned="明年", name=""), station_row(2, head_mobile="1")]
    result = run_import(xlsx(rows))
    assert [(p.row, p.column) for p in result.problems] == [
        (FIRST, "推荐站点名称"),
        (FIRST, "计划完成时间"),
        (FIRST + 1, "负责人手机"),
    ]


def test_each_problem_names_the_column_letter(run_import):
    result = run_import(xlsx([station_row(1, head_mobile="1")]))
    assert result.problems[0].letter == "E"


def test_the_message_quotes_what_the_clerk_typed(run_import):
    result = run_import(xlsx([station_row(1, head_mobile="138-1234")]))
    assert "138-1234" in result.problems[0].message


def test_a_problem_line_names_the_row_and_the_chinese_column(run_import):
    result = run_import(xlsx([station_row(1, area="很大")]))
    with translation.override("en"):
        line = str(result.problems[0])
    assert line.startswith(f"Row {FIRST} [站点区域面积] ")
    assert "很大" in line


def test_every_required_cell_left_empty_is_named(run_import, nothing_saved):
    empty = dict.fromkeys(["head_name", "head_mobile", "hours", "area", "services", "planned"], "")
    result = run_import(xlsx([station_row(1, **empty)]))
    assert {p.column for p in result.problems} == {
        "站点负责人",
        "负责人手机",
        "开放时间",
        "站点区域面积",
        "服务项目",
        "计划完成时间",
    }
    nothing_saved()


def test_missing_unit_rows_are_reported_at_their_labels(run_import, nothing_saved):
    result = run_import(
        xlsx([station_row(1)], unit={**UNIT, "head_name": "", "head_email": "不是邮箱"})
    )
    cells = problems_by_cell(result)
    assert (2, "负责人姓名") in cells
    assert (3, "负责人邮箱") in cells
    assert "不是邮箱" in cells[(3, "负责人邮箱")]
    nothing_saved()


def test_too_long_text_is_refused_rather_than_cut(run_import, nothing_saved):
    result = run_import(xlsx([station_row(1, name="站" * 201)]))
    assert [(p.row, p.column) for p in result.problems] == [(FIRST, "推荐站点名称")]
    nothing_saved()


def test_services_that_name_nothing_are_refused(run_import):
    result = run_import(xlsx([station_row(1, services="其他服务项目")]))
    assert [p.column for p in result.problems] == ["服务项目"]
