"""Uploaded scans (filing, agreement, pledge) are stored under a generated name with the
extension of the type their bytes are, and served only as that type, as a download.

Before: a PDF-headed HTML file uploaded as polyglot.html came back as text/html, an SVG
as image/svg+xml, both under the sender's name.
"""

from __future__ import annotations

import re
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stations.models import Agreement, FilingForm, Pledge
from stations.services.lifecycle import station_approve
from stations.services.review import ALL_SIX, acceptance_record
from tests.factories import StationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 64
    + b"\xff\xd9"
)


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
GENERATED = re.compile(r"^[0-9a-f]{32}\.(pdf|jpg|png)$")


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def approved(world):
    station = StationFactory(filing=world.filing_a, status="submitted", host_unit=world.host_a)
    acceptance_record(station=station, by=world.aid, checked_on="2018-10-01", **ALL_SIX)
    return station_approve(station=station, by=world.aid)


def post_filing(client, world, scan):
    client.force_login(world.user_a)
    return client.post(
        reverse("stations:filing_create"),
        {
            "unit_name": "黄浦区总工会",
            "head_name": "王建国",
            "head_email": "wang@example.org",
            "head_phone": "021-63211939",
            "signed_scan": scan,
        },
    )


def post_agreement(client, world, station, scan):
    client.force_login(world.aid)
    return client.post(
        reverse("stations:agreement_create", args=[station.pk]),
        {
            "host_unit": station.host_unit_id,
            "carrier_type": "bank",
            "stations": [station.pk],
            "signatory_a": "张行长",
            "signatory_b": "援助中心",
            "signed_on": "2018-11-01",
            "scan": scan,
        },
    )


def post_pledge(client, world, station, scan):
    client.force_login(world.aid)
    return client.post(
        reverse("stations:pledge_edit", args=[station.pk]),
        {
            "pledging_unit": "工商银行南京东路支行",
            "service_hours": "9:00-17:00",
            "head_name": "李红",
            "pledged_on": "2018-11-01",
            "due_by": "2018-12-01",
            "scan": scan,
        },
    )


def served(client, url) -> tuple[object, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def assert_download(response, mime: str, extension: str) -> None:
    assert response["Content-Type"] == mime
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'{extension}"' in response["Content-Disposition"]
    assert "polyglot" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


# --- The filing's signed scan -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "mime", "extension"),
    [(PDF, "application/pdf", ".pdf"), (JPEG, "image/jpeg", ".jpg"), (png(), "image/png", ".png")],
)
def test_a_scan_sent_under_a_lying_name_is_stored_and_served_as_its_bytes(
    client, world, data, mime, extension
):
    response = post_filing(client, world, upload("polyglot.html", data, "text/html"))
    assert response.status_code == 302
    filing = FilingForm.objects.exclude(pk=world.filing_a.pk).get()
    stored = filing.signed_scan.name.rsplit("/", 1)[-1]
    assert GENERATED.match(stored) and stored.endswith(extension)
    download, body = served(client, reverse("stations:filing_scan", args=[filing.pk]))
    assert body == data
    assert_download(download, mime, extension)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("polyglot.html", POLYGLOT, "text/html"),
        ("polyglot.pdf", POLYGLOT, "application/pdf"),
        ("scan.svg", SVG, "image/svg+xml"),
        ("scan.png", SVG, "image/png"),
        ("scan.pdf", HTML, "application/pdf"),
        ("scan.png", b"\x89PNG\r\n\x1a\n<html></html>", "image/png"),
    ],
)
def test_what_is_not_really_pdf_jpeg_or_png_is_refused(client, world, name, data, content_type):
    response = post_filing(client, world, upload(name, data, content_type))
    assert response.status_code == 200
    form = response.context["form"]
    assert "signed_scan" in form.errors
    assert form["head_email"].value() == "wang@example.org"  # what was typed is kept
    assert not FilingForm.objects.exclude(pk=world.filing_a.pk).exists()


def test_a_scan_stored_before_the_fix_is_served_as_a_plain_download(client, world):
    filing = world.filing_a
    filing.signed_scan.save("polyglot.html", ContentFile(POLYGLOT), save=True)
    client.force_login(world.user_a)
    download, body = served(client, reverse("stations:filing_scan", args=[filing.pk]))
    assert body == POLYGLOT
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment;")
    assert ".html" not in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_another_union_still_gets_404_for_the_scan(client, world):
    world.filing_a.signed_scan.save("x.pdf", ContentFile(PDF), save=True)
    client.force_login(world.user_b)
    assert client.get(reverse("stations:filing_scan", args=[world.filing_a.pk])).status_code == 404


# --- Agreement and pledge scans -----------------------------------------------------------


def test_the_agreement_scan_is_stored_and_served_as_its_bytes(client, world, approved):
    response = post_agreement(client, world, approved, upload("合同.html", PDF, "text/html"))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert GENERATED.match(agreement.scan.name.rsplit("/", 1)[-1])
    download, _body = served(client, reverse("stations:agreement_scan", args=[agreement.pk]))
    assert_download(download, "application/pdf", ".pdf")


def test_an_svg_agreement_scan_is_refused_and_the_form_kept(client, world, approved):
    response = post_agreement(client, world, approved, upload("scan.svg", SVG, "image/svg+xml"))
    assert response.status_code == 200
    assert "scan" in response.context["form"].errors
    assert response.context["form"]["signatory_a"].value() == "张行长"
    assert not Agreement.objects.exists()


def test_the_pledge_scan_is_stored_and_served_as_its_bytes(client, world, approved):
    response = post_pledge(client, world, approved, upload("pledge.svg", png(), "image/svg+xml"))
    assert response.status_code == 302
    pledge = Pledge.objects.get(station=approved)
    assert pledge.scan.name.endswith(".png")
    assert GENERATED.match(pledge.scan.name.rsplit("/", 1)[-1])
    download, _body = served(client, reverse("stations:pledge_scan", args=[pledge.pk]))
    assert_download(download, "image/png", ".png")


def test_a_polyglot_pledge_scan_is_refused(client, world, approved):
    response = post_pledge(client, world, approved, upload("polyglot.html", POLYGLOT, "text/html"))
    assert response.status_code == 200
    assert "scan" in response.context["form"].errors
    assert not Pledge.objects.get(station=approved).scan


def test_html_between_a_pdf_header_and_trailer_is_never_served_as_html(client, world):
    # It passes for a PDF; the worst it can then be is a broken PDF, downloaded.
    data = POLYGLOT + b"%%EOF\n"
    assert post_filing(client, world, upload("polyglot.html", data, "text/html")).status_code == 302
    filing = FilingForm.objects.exclude(pk=world.filing_a.pk).get()
    download, _body = served(client, reverse("stations:filing_scan", args=[filing.pk]))
    assert_download(download, "application/pdf", ".pdf")
