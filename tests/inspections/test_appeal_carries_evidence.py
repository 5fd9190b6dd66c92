"""Issue 9 item 7: the union contests a check with reasons and evidence. Photos and PDFs go
up with the appeal, each checked from its bytes, stored with its checksum in the appeal's
transaction, and shown only to whoever may see the appeal."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from history.models import RecordChange
from inspections.checks.services import photos
from inspections.models import Appeal, AppealEvidence
from inspections.orders.services.appeals import appeal_open

from .factories_checks import image_bytes
from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name="说明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _png(name="现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def _check(world):
    return inspection(operating_station(world.union_a), world.inspector_own)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(world, check, files, reason="检查当日站点正常开放"):
    return _client(world.user_a).post(
        reverse("inspections:appeal_create", args=[check.pk]),
        {"reason": reason, "evidence": files},
    )


def _appeal_with_evidence(world) -> tuple[Appeal, AppealEvidence]:
    appeal = appeal_open(
        inspection=_check(world), by=world.user_a, reason="有误", evidence=[_pdf()]
    )
    return appeal, appeal.evidence.get()


def test_a_photo_and_a_pdf_are_stored_with_the_appeal_and_their_checksums(world):
    check = _check(world)
    png = image_bytes("PNG")

    response = _post(world, check, [_png(), _pdf()])

    assert response.status_code == 302
    appeal = check.appeals.get()
    stored = list(appeal.evidence.order_by("pk"))
    assert [e.content_type for e in stored] == ["image/png", "application/pdf"]
    assert [e.sha256 for e in stored] == [
        hashlib.sha256(png).hexdigest(),
        hashlib.sha256(PDF).hexdigest(),
    ]
    assert [e.size for e in stored] == [len(png), len(PDF)]
    assert stored[0].file.name.endswith(".png") and stored[1].file.name.endswith(".pdf")
    assert stored[1].file.read() == PDF
    history = RecordChange.objects.get(record="appeal", record_id=appeal.pk, action="created")
    assert history.changes == {"evidence": ["", "2"]}


def test_the_form_is_multipart_and_offers_photos_and_pdfs(world):
    response = _client(world.user_a).get(
        reverse("inspections:appeal_create", args=[_check(world).pk])
    )
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept="image/jpeg,image/png,application/pdf" multiple' in page


def test_an_html_page_called_pdf_is_refused_and_the_reason_stays_in_the_form(world):
    check = _check(world)
    fake = SimpleUploadedFile(
        "证明.pdf", b"<html><script>alert(1)</script>%PDF-1.4", "application/pdf"
    )

    response = _post(world, check, [_png(), fake], reason="停电闭站，已报备")

    assert response.status_code == 400
    page = response.content.decode()
    # The refusal names the file among several, in Chinese.
    assert "证明.pdf：只能上传JPEG或PNG照片及PDF文件" in page
    assert "停电闭站，已报备" in page
    assert not Appeal.objects.exists()
    assert not AppealEvidence.objects.exists()


def test_an_html_page_that_starts_like_a_pdf_is_refused(world):
    # The scans' rule: a version line is not enough without the %%EOF trailer.
    fake = SimpleUploadedFile(
        "a.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>", "application/pdf"
    )
    response = _post(world, _check(world), [fake])
    assert response.status_code == 400
    assert not Appeal.objects.exists()


def test_a_png_named_jpg_is_refused(world):
    response = _post(world, _check(world), [_png("photo.jpg")])
    assert response.status_code == 400
    assert "photo.jpg" in response.content.decode()
    assert not Appeal.objects.exists()


def test_a_pdf_named_png_is_refused():
    with pytest.raises(Exception) as err:
        photos.evidence_facts(SimpleUploadedFile("a.png", PDF, "image/png"))
    assert err.value.code == "not_evidence"


def test_eleven_files_are_refused(world):
    response = _post(world, _check(world), [_png(f"{n}.png") for n in range(11)])
    assert response.status_code == 400
    assert "每项申诉最多上传10个证据文件" in response.content.decode()
    assert not Appeal.objects.exists()


def test_ten_files_are_accepted(world):
    check = _check(world)
    response = _post(world, check, [_png(f"{n}.png") for n in range(10)])
    assert response.status_code == 302
    assert check.appeals.get().evidence.count() == 10


def test_a_file_over_10_mb_is_refused(world):
    big = SimpleUploadedFile("big.pdf", PDF + b"\0" * (10 * 1024 * 1024), "application/pdf")
    response = _post(world, _check(world), [big])
    assert response.status_code == 400
    assert "有文件超过 10 MB" in response.content.decode()
    assert not AppealEvidence.objects.exists()


def test_the_aid_center_sees_the_evidence_on_the_page_and_downloads_it(world):
    appeal, evidence = _appeal_with_evidence(world)
    aid = _client(world.aid)
    url = reverse("inspections:appeal_evidence", args=[appeal.pk, evidence.pk])

    page = aid.get(reverse("inspections:appeal_detail", args=[appeal.pk])).content.decode()
    response = aid.get(url)

    assert url in page
    assert "PDF文件1" in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF


def test_a_photo_is_shown_as_its_stored_thumbnail_never_the_original(
    world, tasks_in_process, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeal_open(
            inspection=_check(world), by=world.user_a, reason="有误", evidence=[_png()]
        )
    url = reverse("inspections:appeal_evidence", args=[appeal.pk, appeal.evidence.get().pk])
    page = _client(world.aid).get(reverse("inspections:appeal_detail", args=[appeal.pk]))
    assert f'<img src="{url}?thumbnail=1"' in page.content.decode()
    assert f'<img src="{url}"' not in page.content.decode()
    assert f'<a href="{url}" download' in page.content.decode()


def test_the_appealing_union_and_an_inspector_in_scope_get_the_file(world):
    appeal, evidence = _appeal_with_evidence(world)
    url = reverse("inspections:appeal_evidence", args=[appeal.pk, evidence.pk])
    for user in (world.user_a, world.inspector, world.inspector_own):
        assert _client(user).get(url).status_code == 200


def test_another_union_and_an_inspector_of_another_district_get_404(world):
    appeal, evidence = _appeal_with_evidence(world)
    url = reverse("inspections:appeal_evidence", args=[appeal.pk, evidence.pk])
    assert _client(world.user_b).get(url).status_code == 404
    assert _client(world.inspector_other).get(url).status_code == 404


def test_evidence_of_another_appeal_is_404_under_this_appeals_url(world):
    appeal, _evidence = _appeal_with_evidence(world)
    _other, foreign = _appeal_with_evidence(world)
    url = reverse("inspections:appeal_evidence", args=[appeal.pk, foreign.pk])
    assert _client(world.aid).get(url).status_code == 404


def test_the_appeal_list_counts_the_files(world):
    _appeal_with_evidence(world)
    page = _client(world.aid).get(reverse("inspections:appeal_list")).content.decode()
    assert "1个文件" in page
