"""Certificates: one PDF per published title, drawn by the documents app, each union
downloading only its own winners' certificates."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from awards.certificates import CERTIFICATE_KIND
from awards.models import Award, AwardKind
from awards.services import award_confirm, award_selection_save, award_year_publish
from documents.models import GeneratedDocument
from tests.documents.helpers import pdf_page_size_mm, pdf_text
from tests.factories import make_user
from unions.models import Role, Union

from .conftest import YEAR, operating_station, scores


@pytest.fixture(autouse=True)
def _eager_tasks(monkeypatch):
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


@pytest.fixture
def published(db, django_capture_on_commit_callbacks):
    """14 stations of 黄浦 and 14 of 徐汇 (28 operating: 2 winners), one winner each."""
    aid = make_user("aid", Role.AID_CENTER)
    winners = []
    for code in ("huangpu", "xuhui"):
        union = Union.objects.get(code=code)
        for i in range(14):
            station = operating_station(union=union)
            scores(station, [95 - i] * 4)
            if i == 0:
                winners.append(station)
    award_selection_save(year=YEAR, station_ids=[s.pk for s in winners], by=aid)
    award_confirm(
        award=Award.objects.filter(kind=AwardKind.STAR_HEAD).first(), confirmed=True, by=aid
    )
    with django_capture_on_commit_callbacks(execute=True):
        award_year_publish(year=YEAR, by=aid)
    return winners


def test_each_confirmed_title_gets_a_rendered_certificate(published):
    documents = GeneratedDocument.objects.filter(kind=CERTIFICATE_KIND)
    confirmed = Award.objects.public().count()
    assert documents.count() == confirmed == 3  # 2 stations and the one confirmed head
    head = Award.objects.public().get(kind=AwardKind.STAR_HEAD)
    document = documents.get(record_key=f"award:{head.pk}")
    assert document.state == GeneratedDocument.State.READY
    data = document.file.read()
    assert pdf_page_size_mm(data) == (297, 210)
    text = pdf_text(data)
    # Write the PDF where a person can look at it (pdftoppm -png) when the test is run.
    (settings.BASE_DIR / "test-results").mkdir(exist_ok=True)
    (settings.BASE_DIR / "test-results" / "award_certificate.pdf").write_bytes(data)
    assert "荣誉证书" in text and f"{YEAR}年度明星站长" in text and "上海市总工会" in text


def test_a_union_downloads_its_own_certificates_only(published):
    huangpu, xuhui = (Union.objects.get(code=c) for c in ("huangpu", "xuhui"))
    clerk = make_user("clerk_hp", Role.UNION_STAFF, union=huangpu)
    client = Client()
    client.force_login(clerk)
    page = client.get("/staff/awards/certificates/").content.decode()
    own = GeneratedDocument.objects.filter(kind=CERTIFICATE_KIND, union=huangpu)
    other = GeneratedDocument.objects.filter(kind=CERTIFICATE_KIND, union=xuhui)
    assert own.exists() and other.exists()
    for document in own:
        assert f"/staff/documents/{document.pk}/download/" in page
        response = client.get(f"/staff/documents/{document.pk}/download/")
        assert response.status_code == 200
    for document in other:
        assert f"/staff/documents/{document.pk}/download/" not in page
        assert client.get(f"/staff/documents/{document.pk}/download/").status_code == 404


def test_inspectors_never_see_certificates(published):
    inspector = make_user("insp", Role.INSPECTOR)
    document = GeneratedDocument.objects.filter(kind=CERTIFICATE_KIND).first()
    client = Client()
    client.force_login(inspector)
    assert client.get(f"/staff/documents/{document.pk}/download/").status_code == 404
