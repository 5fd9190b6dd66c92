import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.checks.services import photos
from inspections.checks.services.inspection import inspection_record
from inspections.models import Inspection, InspectionPhoto

from .factories_checks import image_bytes, photo, record_kwargs, station

pytestmark = pytest.mark.django_db


def test_a_jpeg_is_stored_with_its_checksum(world):
    at = station(world.union_a)
    check, _ = inspection_record(**record_kwargs(at, world.inspector, photos=[photo()]))
    stored = InspectionPhoto.objects.get(inspection=check)
    assert stored.content_type == "image/jpeg"
    assert len(stored.sha256) == 64
    assert stored.image.name.endswith(".jpg")


def test_an_html_page_called_photo_jpg_is_refused(world):
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    with pytest.raises(ValidationError):
        inspection_record(**record_kwargs(station(world.union_a), world.inspector, photos=[fake]))
    assert not Inspection.objects.exists()


def test_a_png_that_claims_to_be_a_jpeg_is_refused():
    liar = SimpleUploadedFile("photo.jpg", image_bytes("PNG"), "image/jpeg")
    with pytest.raises(ValidationError):
        photos.photo_facts(liar)


def test_a_gif_is_refused():
    with pytest.raises(ValidationError):
        photos.photo_facts(SimpleUploadedFile("a.gif", image_bytes("GIF"), "image/gif"))


def test_a_png_is_accepted_as_a_png():
    facts = photos.photo_facts(photo("a.png", "PNG", "image/png"))
    assert facts.content_type == "image/png"


def test_a_photo_over_10_mb_is_refused(monkeypatch):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(ValidationError) as err:
        photos.photo_facts(photo())
    assert err.value.code == "too_large"


def test_a_real_11_mb_upload_is_refused_before_it_is_read():
    big = SimpleUploadedFile("big.jpg", image_bytes() + b"\0" * (11 * 1024 * 1024), "image/jpeg")
    with pytest.raises(ValidationError) as err:
        photos.photo_facts(big)
    assert err.value.code == "too_large"
