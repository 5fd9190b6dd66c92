"""Issue 21, item 6: scores are computed exactly and rounded once, for display; the station,
district and union tables, the JSON, the PDFs and the workbooks agree to the last digit, and
deltas have two decimals and a sign.

Three stations of union A, all in 黄浦区, checked in 2025 Q1 (no feedback, no orders: the
score is (70 × inspection + 10 × 100) / 80):
- A: 82.64 and 69.54, mean 76.09: (5326.3 + 1000) / 80 = 79.07875 → 79.08
- B: 69.45 and 87.72, mean 78.585: (5500.95 + 1000) / 80 = 81.261875 → 81.26
  (rounding the mean first, 78.59, gave 81.26625 → 81.27)
- C: 91.16: (6381.2 + 1000) / 80 = 92.265 → 92.27 (exactly half: rounded up)
Their mean: 252.605625 / 3 = 84.201875 → 84.20 (the mean of the rounded scores, 252.62 / 3 =
84.2067, would show 84.21). A in 2024 Q4: 73.58 → (5150.6 + 1000) / 80 = 76.8825 → 76.88, so
its delta is 79.08 − 76.88 = +2.20.
"""

import datetime as dt
import io
import subprocess

from django.urls import reverse
from openpyxl import load_workbook

from documents.models import GeneratedDocument
from inspections.assessment.services.assessment import assessment_run
from inspections.assessment.services.publication import assessment_publish
from inspections.reports.workbook import WORKBOOK

from .helpers import ZONE, check, operating_station

QUARTER = {"year": 2025, "quarter": 1}
SHOWN = ("79.08", "81.26", "92.27")
MEAN = "84.20"


def _pdf_text(document: GeneratedDocument) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", document.file.path, "-"], capture_output=True, check=True
    )
    return out.stdout.decode()


def _published(world):
    a, b, c = (operating_station(world.union_a, district="黄浦区") for _ in range(3))
    check(a, 73.58, by=world.inspector, when=dt.datetime(2024, 11, 10, 10, tzinfo=ZONE))
    previous = assessment_run(year=2024, quarter=4, by=world.aid)
    assessment_publish(assessment=previous, by=world.aid, reports=False)
    for station, scores in ((a, (82.64, 69.54)), (b, (69.45, 87.72)), (c, (91.16,))):
        for score in scores:
            check(station, score, by=world.inspector)
    return assessment_run(**QUARTER, by=world.aid), (a, b, c)


def test_every_table_the_json_the_pdfs_and_the_workbooks_show_the_same_figures(
    world, client, django_capture_on_commit_callbacks, tasks_in_process
):
    assessment, (a, b, c) = _published(world)

    client.force_login(world.aid)
    staff = client.get(reverse("inspections:assessment_detail", args=[assessment.pk]))
    staff_html = staff.content.decode()
    assert all(score in staff_html for score in SHOWN) and MEAN in staff_html
    assert "+2.20" in staff_html  # A against 2024 Q4, two decimals and a sign

    with django_capture_on_commit_callbacks(execute=True):
        assessment_publish(assessment=assessment, by=world.aid)
    client.logout()

    page = client.get(reverse("rankings:quarter", kwargs=QUARTER)).content.decode()
    assert all(score in page for score in SHOWN)
    union_cell = page.split('data-testid="union-mean">')[1].split("<")[0]
    district_cell = page.split('data-testid="district-mean">')[1].split("<")[0]
    assert union_cell == district_cell == MEAN
    assert "84.21" not in page and "81.27" not in page and "92.26" not in page

    data = client.get(reverse("rankings:api", kwargs=QUARTER)).json()
    assert [s["score"] for s in data["stations"]] == [92.27, 81.26, 79.08]
    assert data["unions"][0]["mean_score"] == 84.2
    assert data["districts"][0]["mean_score"] == 84.2

    reports = GeneratedDocument.objects.filter(kind="report", state="ready")
    city = _pdf_text(reports.get(union__isnull=True))
    union = _pdf_text(reports.get(union=world.union_a))
    for text in (city, union):
        assert MEAN in text and "84.21" not in text
    # The city summary: its overview, the union table and the district table.
    assert city.count(MEAN) >= 3
    assert all(score in union for score in SHOWN)
    assert "92.27" in city and "92.26" not in city

    workbooks = GeneratedDocument.objects.filter(kind=WORKBOOK, state="ready")
    book = load_workbook(io.BytesIO(workbooks.get(union__isnull=True).file.read()))
    header, *rows = book["站点"].iter_rows(values_only=True)
    score = header.index("季度得分")
    assert [row[score] for row in rows] == [92.27, 81.26, 79.08]
    assert book["站点"].cell(row=2, column=score + 1).number_format == "0.00"
    unions = list(book["推荐单位"].iter_rows(values_only=True))
    assert unions[1][5] == 84.2
    own = load_workbook(io.BytesIO(workbooks.get(union=world.union_a).file.read()))
    summary = {row[0]: row[1] for row in own["概况"].iter_rows(values_only=True)}
    assert summary["平均得分"] == 84.2
