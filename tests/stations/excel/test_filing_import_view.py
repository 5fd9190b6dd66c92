from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stations.models import FilingForm, Station

from .builders import first_station_row, station_row, xlsx

URL = reverse("stations:filing_import")


def upload(data: bytes, name: str = "备案表.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def clerk_a(client, world):
    client.force_login(world.user_a)
    return client


def test_it_shows_the_upload_form_with_a_template_link(clerk_a):
    response = clerk_a.get(URL)
    assert response.status_code == 200
    assert reverse("stations:filing_template").encode() in response.content
    assert b'type="file"' in response.content


def test_a_good_file_becomes_a_filing_and_opens_its_page(clerk_a, world):
    response = clerk_a.post(URL, {"file": upload(xlsx([station_row(1)]).getvalue())})
    filing = FilingForm.objects.get(source=FilingForm.Source.EXCEL)
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:filing_detail", args=[filing.pk])
    assert filing.union == world.union_a
    assert filing.created_by == world.user_a


def test_a_bad_file_shows_every_problem_in_a_table_and_saves_nothing(clerk_a):
    before = (FilingForm.objects.count(), Station.objects.count())
    rows = [station_row(1, head_mobile="123"), station_row(2, planned="明年"), station_row(3)]
    response = clerk_a.post(URL, {"file": upload(xlsx(rows).getvalue())})
    assert response.status_code == 200
    problems = response.context["result"].problems
    assert [(p.row, p.column) for p in problems] == [
        (first_station_row(), "负责人手机"),
        (first_station_row() + 1, "计划完成时间"),
    ]
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html
    assert 'data-testid="import-summary"' in html
    assert "负责人手机" in html and "计划完成时间" in html and "明年" in html
    assert (FilingForm.objects.count(), Station.objects.count()) == before


def test_a_file_that_is_not_a_workbook_is_explained(clerk_a):
    response = clerk_a.post(URL, {"file": upload(b"not a workbook", "stations.xls")})
    assert response.status_code == 200
    assert ".xlsx" in response.content.decode()


def test_posting_without_a_file_re_renders_the_form(clerk_a):
    response = clerk_a.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_file_over_ten_megabytes_is_refused_before_reading(clerk_a, monkeypatch):
    from stations.excel import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    response = clerk_a.post(URL, {"file": upload(io.BytesIO(b"x" * 11).getvalue())})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["result"] is None


def test_the_aid_center_cannot_import_for_a_union(client, world):
    client.force_login(world.aid)
    assert client.post(URL, {"file": upload(xlsx([station_row(1)]).getvalue())}).status_code == 403
