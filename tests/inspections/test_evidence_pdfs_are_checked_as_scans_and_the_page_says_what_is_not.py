"""A PDF given as an appeal's evidence passes exactly the checks a scan does (one function,
stations.forms.uploads.scan_check: at most 10 MB, a version line and an end-of-file marker),
and the appeal's page says what no check can tell: what a PDF says, whether it is genuine."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inspections.checks.services.photos import evidence_facts
from inspections.orders.services.appeals import appeal_open
from stations.forms.uploads import validate_scan

from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAMPLES = {
    "a complete PDF": (PDF, True),
    "a PDF cut short (no end marker)": (PDF[:-7], False),
    "an HTML page that starts like a PDF": (b"%PDF-1.4\n<html><script>x</script></html>", False),
    "a PDF of 10 MB and one byte": (
        PDF[:-6] + b" " * (10 * 1024 * 1024 - len(PDF) + 1) + PDF[-6:],
        False,
    ),
    "a PDF of exactly 10 MB": (PDF[:-6] + b" " * (10 * 1024 * 1024 - len(PDF)) + PDF[-6:], True),
}


def _accepts(check, data: bytes) -> bool:
    try:
        check(SimpleUploadedFile("说明.pdf", data, content_type="application/pdf"))
    except (ValidationError, forms.ValidationError):
        return False
    return True


@pytest.mark.parametrize("name", SAMPLES)
def test_a_scan_and_evidence_accept_and_refuse_the_same_pdfs(name):
    data, expected = SAMPLES[name]
    assert _accepts(validate_scan, data) is expected
    assert _accepts(evidence_facts, data) is expected


def test_the_appeal_page_says_what_cannot_be_checked(world):
    check = inspection(operating_station(world.union_a), world.inspector_own)
    appeal = appeal_open(
        inspection=check,
        by=world.user_a,
        reason="有误",
        evidence=[SimpleUploadedFile("说明.pdf", PDF, content_type="application/pdf")],
    )
    client = Client()
    client.force_login(world.aid)

    page = client.get(reverse("inspections:appeal_detail", args=[appeal.pk])).content.decode()

    assert 'data-testid="evidence-unchecked"' in page
    assert "PDF 的内容及其真伪" in page and "无法核验" in page
