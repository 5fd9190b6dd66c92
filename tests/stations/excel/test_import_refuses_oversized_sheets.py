"""Hostile workbooks are measured and refused before openpyxl builds them (issue 7, §4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from stations.models import Station

from .builders import HEADERS, UNIT, station_row
from .hostile import row_xml, write_xlsx, xlsx_bytes

ROOT = Path(__file__).resolve().parents[3]


def form_rows(stations: int, *, first: int = 1, columns: int = 0):
    """The unit rows, the header row and ``stations`` station rows, as <row> XML."""
    yield row_xml(1, ["推荐单位名称", UNIT["unit_name"], "负责人姓名", UNIT["head_name"]])
    yield row_xml(2, ["负责人邮箱", UNIT["head_email"], "负责人电话", UNIT["head_phone"]])
    headers = list(HEADERS.values())
    yield row_xml(3, headers + [f"备注{n}" for n in range(columns)])
    for n in range(first, first + stations):
        values = list(station_row(n).values())
        yield row_xml(3 + n, values + ["x"] * columns)


def only_message(result) -> str:
    assert result.filing is None
    assert len(result.problems) == 1
    return result.problems[0].message


def test_a_hand_made_package_imports(run_import):
    result = run_import(xlsx_bytes(form_rows(3)))
    assert result.ok, [str(p) for p in result.problems]
    assert result.station_count == 3


def test_a_dimension_smaller_than_the_data_loses_no_row(run_import):
    result = run_import(xlsx_bytes(form_rows(30), dimension="A1:I5"))
    assert result.ok, [str(p) for p in result.problems]
    assert Station.objects.filter(filing=result.filing).count() == 30


def test_a_declared_dimension_too_wide_is_refused_before_any_row_is_read(run_import, nothing_saved):
    # The 221 KB file of the issue declared A1:LS19996: 19,990 rows × 331 columns.
    result = run_import(xlsx_bytes(form_rows(1), dimension="A1:LS19996"))
    assert "超过 64 列" in only_message(result)
    nothing_saved()


def test_a_declared_dimension_too_long_is_refused(run_import):
    result = run_import(xlsx_bytes(form_rows(1), dimension="A1:L200000"))
    assert "超过 20000 行" in only_message(result)


def test_too_many_columns_are_refused_when_the_dimension_lies(run_import, nothing_saved):
    result = run_import(xlsx_bytes(form_rows(2, columns=100), dimension="A1:I5"))
    assert "超过 64 列" in only_message(result)
    nothing_saved()


def test_too_many_rows_are_refused_when_the_dimension_lies(run_import):
    result = run_import(xlsx_bytes(form_rows(20_001), dimension="A1:I5"))
    assert "超过 20000 行" in only_message(result)


def test_a_single_cell_far_down_the_sheet_is_refused(run_import):
    rows = [*form_rows(1), row_xml(1_048_576, ["x"])]
    assert "超过 20000 行" in only_message(run_import(xlsx_bytes(rows)))


def test_a_merged_range_past_the_limits_is_refused(run_import):
    result = run_import(xlsx_bytes(form_rows(1), merged=["A1:XFD1048576"]))
    assert "超过 20000 行" in only_message(result)


def test_merged_ranges_covering_too_many_cells_are_refused(run_import, monkeypatch):
    from stations.excel import guard

    monkeypatch.setattr(guard, "MAX_CELLS", 500)
    result = run_import(xlsx_bytes(form_rows(1), merged=["J1:Z20", "J21:Z40"]))
    assert "合并" in only_message(result)


def test_too_many_filled_in_cells_are_refused(run_import, monkeypatch):
    from stations.excel import guard

    monkeypatch.setattr(guard, "MAX_CELLS", 50)
    assert "单元格" in only_message(run_import(xlsx_bytes(form_rows(10))))


def test_a_zip_bomb_is_refused_before_parsing(run_import, nothing_saved):
    buffer = xlsx_bytes(form_rows(1))
    # 60 MB of zeros packs into about 60 KB.
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/image1.png", "w") as member,
    ):
        for _ in range(60):
            member.write(bytes(1024 * 1024))
    assert buffer.getbuffer().nbytes < 1024 * 1024
    assert "MB" in only_message(run_import(buffer))
    nothing_saved()


def test_a_part_read_whole_into_memory_is_limited_on_its_own(run_import):
    buffer = xlsx_bytes(form_rows(1))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/styles.xml", " " * (6 * 1024 * 1024))
    assert "过大" in only_message(run_import(buffer))


def test_a_sheet_declaring_entities_is_refused(run_import, nothing_saved):
    prolog = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    result = run_import(xlsx_bytes(form_rows(1), prolog=prolog))
    assert ".xlsx" in only_message(result)
    nothing_saved()


CHILD = textwrap.dedent(
    """
    import json, sys, time
    import django
    django.setup()
    from django.utils import translation
    from stations.excel.reader import WorkbookError, read_filing
    translation.activate("zh-hans")
    started = time.perf_counter()
    try:
        read_filing(sys.argv[1])
        message = ""
    except WorkbookError as exc:
        message = str(exc)
    # VmHWM is this process's own peak; ru_maxrss would include the size of the pytest
    # process it was forked from, which carries over exec on Linux.
    with open("/proc/self/status") as status:
        hwm = next(line for line in status if line.startswith("VmHWM:"))
    print(json.dumps({
        "message": message,
        "seconds": time.perf_counter() - started,
        "peak_mb": int(hwm.split()[1]) / 1024,
    }))
    """
)


def read_in_a_fresh_process(path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_200000_row_sheet_without_dimension_is_refused_lean(tmp_path):
    # The second file reached 1 GB before being refused. How fast it is refused is
    # measured by bench/bench_hostile_import.py, not asserted here (no timed tests).
    path = tmp_path / "long.xlsx"
    short = (f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(20_004, 200_004))
    write_xlsx(path, [*form_rows(20_000), *short])
    measured = read_in_a_fresh_process(path)
    assert "超过 20000 行" in measured["message"]
    assert measured["peak_mb"] < 200


@pytest.fixture(autouse=True)
def _chinese():
    with translation.override("zh-hans"):
        yield


def test_openpyxl_reads_the_other_parts_through_defusedxml():
    # Shared strings, styles and the workbook part are parsed by openpyxl, not by the stream
    # pass: with defusedxml installed it refuses entity declarations instead of expanding them.
    from defusedxml import EntitiesForbidden
    from openpyxl.xml import DEFUSEDXML
    from openpyxl.xml.functions import fromstring

    assert DEFUSEDXML
    with pytest.raises(EntitiesForbidden):
        fromstring('<!DOCTYPE x [<!ENTITY a "x">]><x>&a;</x>')
