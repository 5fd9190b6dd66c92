"""With PROTECTED_MEDIA_ACCEL set, scans and generated documents leave Django as an
X-Accel-Redirect to nginx's internal location after the scoped lookup; unset, Django
streams them as before."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.models import GeneratedDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def scanned_filing(world):
    world.filing_a.signed_scan.save("签字盖章.pdf", ContentFile(PDF), save=True)
    return world.filing_a


@pytest.fixture
def ready_pledge(world):
    document = GeneratedDocument.objects.create(
        kind="pledge",
        union=world.union_a,
        district=world.union_a.district,
        record_key=f"station:{world.station_a.pk}",
        title="SH00001",
        version="v1",
        state=GeneratedDocument.State.READY,
    )
    document.file.save("pledge-SH00001.pdf", ContentFile(PDF), save=True)
    return document


def test_a_scan_is_handed_to_nginx_with_its_headers(client, world, settings, scanned_filing):
    settings.PROTECTED_MEDIA_ACCEL = "/protected/"
    client.force_login(world.user_a)

    response = client.get(reverse("stations:filing_scan", args=[scanned_filing.pk]))

    assert response.status_code == 200
    name = scanned_filing.signed_scan.name
    assert response["X-Accel-Redirect"] == "/protected/" + quote(name)
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]


def test_a_generated_document_is_handed_to_nginx(client, world, settings, ready_pledge):
    settings.PROTECTED_MEDIA_ACCEL = "/protected/"
    client.force_login(world.aid)

    response = client.get(reverse("documents:download", args=[ready_pledge.pk]))

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/" + quote(ready_pledge.file.name)
    assert response["Content-Disposition"] == 'attachment; filename="pledge-SH00001.pdf"'
    assert response.content == b""


def test_another_union_gets_404_and_no_redirect(client, world, settings, scanned_filing):
    settings.PROTECTED_MEDIA_ACCEL = "/protected/"
    client.force_login(world.user_b)

    response = client.get(reverse("stations:filing_scan", args=[scanned_filing.pk]))

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_missing_file_is_404_rather_than_a_redirect_to_nothing(
    client, world, settings, ready_pledge
):
    settings.PROTECTED_MEDIA_ACCEL = "/protected/"
    ready_pledge.file.storage.delete(ready_pledge.file.name)
    client.force_login(world.aid)

    response = client.get(reverse("documents:download", args=[ready_pledge.pk]))

    assert response.status_code == 404


def test_without_the_setting_django_streams_the_file(client, world, settings, scanned_filing):
    settings.PROTECTED_MEDIA_ACCEL = ""
    client.force_login(world.user_a)

    response = client.get(reverse("stations:filing_scan", args=[scanned_filing.pk]))

    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
