"""A photo of more pixels than PHOTO_MAX_MEGAPIXELS is refused with a Chinese message, from
the size its header states, before anything decodes it: a 9000×9000 PNG is 81 megapixels
in 79 KB, and decoding it takes a quarter of a gigabyte. Pillow's own limit is the same."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, PngImagePlugin

from inspections.checks.services.photos import photo_facts
from inspections.models import Checklist, Inspection
from inspections.orders.services.appeals import appeal_open
from inspections.orders.services.rectification import rectification_answer, rectification_open

from .factories_checks import image_bytes, station
from .factories_orders import inspection, operating_station

pytestmark = pytest.mark.django_db


def _bomb() -> bytes:
    """9000 × 9000 pixels of one colour: 81 megapixels in a PNG of some 79 KB."""
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


BOMB = _bomb()


def _upload(data=BOMB, name="现场.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_the_81_megapixel_png_is_small_and_refused_in_chinese(settings):
    assert len(BOMB) < 100 * 1024
    with pytest.raises(ValidationError) as refused:
        photo_facts(_upload())
    assert refused.value.code == "too_many_pixels"
    assert refused.value.messages == [
        "照片最多 40 百万像素，这张有 81.0 百万像素，请换一张小一些的照片。"
    ]


def test_it_is_refused_without_decoding_a_pixel(monkeypatch):
    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the photo was decoded")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", no_decoding)
    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", no_decoding)
    with pytest.raises(ValidationError) as refused:
        photo_facts(_upload())
    assert refused.value.code == "too_many_pixels"


def test_the_limit_is_the_setting_to_the_pixel(settings):
    settings.PHOTO_MAX_MEGAPIXELS = 1
    assert photo_facts(_upload(image_bytes("PNG", (1000, 1000)))).content_type == "image/png"
    with pytest.raises(ValidationError):
        photo_facts(_upload(image_bytes("PNG", (1001, 1000))))


def test_pillow_refuses_the_same_anywhere_in_the_portal(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.PHOTO_MAX_MEGAPIXELS * 1_000_000 == 40_000_000


def test_refused_inside_pillow_the_message_is_still_the_photos(monkeypatch):
    # A limit lower than the setting (Pillow's own warning, then its error at twice it).
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    for size in ((1500, 1000), (2500, 1000)):
        with pytest.raises(ValidationError) as refused:
            photo_facts(_upload(image_bytes("PNG", size)))
        assert refused.value.code == "too_many_pixels"
        assert refused.value.messages[0].startswith("照片最多 40 百万像素")


def test_the_check_form_refuses_it_and_saves_nothing(client, world):
    at = station(world.union_a)
    client.force_login(world.inspector)
    data = {
        "station": at.pk,
        "kind": "flying",
        "visited_at": timezone.now().isoformat(),
        "checklist_version": "1",
        "idempotency_key": str(uuid.uuid4()),
        "photos": _upload(),
        **{f"item_{i.code}": "met" for i in Checklist.objects.current().items.all()},
    }

    response = client.post(reverse("inspections:check_send"), data)

    assert response.status_code == 400
    assert "百万像素" in response.json()["errors"]["photos"][0]
    assert not Inspection.objects.exists()


def test_an_orders_answer_and_an_appeals_evidence_refuse_it_too(world):
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    with pytest.raises(ValidationError, match="百万像素"):
        rectification_answer(order=order, by=world.user_a, note="已整改", photos=[_upload()])
    check = inspection(operating_station(world.union_a), world.inspector_own)
    with pytest.raises(ValidationError, match="百万像素"):
        appeal_open(inspection=check, by=world.user_a, reason="有误", evidence=[_upload()])
