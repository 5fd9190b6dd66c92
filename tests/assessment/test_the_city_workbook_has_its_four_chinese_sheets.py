import io

from openpyxl import load_workbook

from inspections.reports.workbook import workbook_bytes

from .helpers import computed_quarter


def test_the_workbook_lists_summary_unions_stations_and_rectifications(world):
    assessment, stations = computed_quarter(world)
    book = load_workbook(io.BytesIO(workbook_bytes({"assessment_id": assessment.pk})))
    # The sheets speak Chinese (issue 21): 概况 summary, 推荐单位 unions, 站点 stations,
    # 整改 rectifications.
    assert book.sheetnames == ["概况", "推荐单位", "站点", "整改"]
    rows = list(book["站点"].iter_rows(values_only=True))
    assert rows[1][:2] == (1, stations[0].plaque_number)
    assert rows[1][14] == 91.25  # 季度得分
    assert book["站点"].cell(row=2, column=15).number_format == "0.00"
    assert len(list(book["推荐单位"].iter_rows())) == 3
