import io

from openpyxl import load_workbook

from inspections.reports.workbook import workbook_bytes

from .helpers import computed_quarter


def test_the_workbook_lists_summary_unions_stations_and_rectifications(world):
    assessment, stations = computed_quarter(world)
    book = load_workbook(io.BytesIO(workbook_bytes({"assessment_id": assessment.pk})))
    assert book.sheetnames == ["summary", "unions", "stations", "rectifications"]
    rows = list(book["stations"].iter_rows(values_only=True))
    assert rows[1][:2] == (1, stations[0].plaque_number)
    assert rows[1][-1] == 91.25
    assert len(list(book["unions"].iter_rows())) == 3
