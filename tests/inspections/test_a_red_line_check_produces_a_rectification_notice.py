"""A red-line check produces a 整改通知书 (inspections/orders/notice.py) through the documents
machinery: the station, its plaque number, the findings in the checklist's words, the
photos, the deadline and how to answer, dated in Shanghai; the union and the inspectors whose
scope covers the station read it, nobody else."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.conf import settings
from django.test import Client

from documents.models import GeneratedDocument
from inspections.checks.services.inspection import inspection_record
from inspections.models import Checklist, Rectification
from inspections.orders.notice import NOTICE_KIND
from tests.documents.helpers import pdf_text

from .factories_checks import all_met, photo, record_kwargs, station


@pytest.fixture
def notice(world, late_evening_utc, settings, tasks_in_process, django_capture_on_commit_callbacks):
    """An inspector's flying inspection at 23:30 UTC on 4 December 2026 (5 December in
    Shanghai) finds the plaque missing and no wifi, with a photo."""
    settings.RECTIFICATION_DAYS = 15
    at = station(world.union_a)
    findings = all_met(failing=("wifi",))
    findings["plaque_posted"] = {"met": False, "note": "门外未见铭牌"}
    with django_capture_on_commit_callbacks(execute=True):
        check, _ = inspection_record(
            **record_kwargs(at, world.inspector, findings=findings, photos=[photo()])
        )
    order = Rectification.objects.get(inspection=check)
    document = GeneratedDocument.objects.get(kind=NOTICE_KIND)
    return at, order, document


def test_the_notice_is_made_when_the_red_line_opens_the_order(notice):
    _station, order, document = notice
    assert document.record_key == f"rectification:{order.pk}"
    assert document.state == GeneratedDocument.State.READY, document.error


def test_the_notice_names_the_station_the_red_line_in_the_checklists_words_and_the_deadline(
    notice,
):
    at, order, document = notice
    data = document.file.read()
    results = settings.BASE_DIR / "test-results"
    results.mkdir(exist_ok=True)
    (results / "rectification_notice.pdf").write_bytes(data)
    text = pdf_text(data)
    checklist = Checklist.objects.current()
    plaque = checklist.items.get(code="plaque_posted")
    wifi = checklist.items.get(code="wifi")
    assert "整改通知书" in text
    assert at.name in text and at.plaque_number in text
    assert plaque.label in text and "门外未见铭牌" in text
    assert wifi.label in text
    # 5 December (Shanghai) + 15 days; issued on 5 December, not the UTC 4 December.
    assert order.deadline == dt.date(2026, 12, 20)
    assert "整改期限：请于2026年12月20日前完成整改。" in text
    assert "2026年12月5日" in text and "12月4日" not in text
    assert "服务咨询、监督电话：12351" in text
    assert f"/staff/inspections/orders/{order.pk}/" in text  # where the union answers
    assert len(document.payload["photos"]) == 1
    # The photo is drawn into the PDF: pdfimages lists one image under its two header lines.
    listed = subprocess.run(
        ["pdfimages", "-list", str(results / "rectification_notice.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert len(listed.strip().splitlines()) == 3


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("union_a", 200),
        ("union_b", 404),
        ("inspector", 200),
        ("inspector_own", 200),
        ("inspector_other", 404),
        ("aid_center", 200),
    ],
)
def test_the_notice_is_read_by_the_union_and_the_inspectors_in_scope_only(
    notice, world, role, status
):
    _station, order, document = notice
    client = Client()
    client.force_login(world.users()[role])
    assert client.get(f"/staff/documents/{document.pk}/download/").status_code == status


def test_the_order_page_lists_the_notice(notice, world):
    _station, order, document = notice
    client = Client()
    client.force_login(world.user_a)
    page = client.get(f"/staff/inspections/orders/{order.pk}/").content.decode()
    assert f"/staff/documents/{document.pk}/download/" in page


def test_an_order_opened_by_hand_asks_for_no_notice_by_itself(world):
    from inspections.orders.services.rectification import rectification_open

    rectification_open(station=station(world.union_a), by=world.aid, items=["饮水机损坏"])
    assert not GeneratedDocument.objects.filter(kind=NOTICE_KIND).exists()
