import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from inspections.models import RectificationStatus
from inspections.orders.services.rectification import rectification_open

from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_union_answers_with_a_photo_its_type_read_from_the_bytes(world):
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    client = Client()
    client.force_login(world.user_a)
    photo = SimpleUploadedFile("look.png", _png(), content_type="application/octet-stream")
    response = client.post(
        f"/staff/inspections/orders/{order.pk}/answer/", {"note": "已补挂牌匾", "photos": photo}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == RectificationStatus.ANSWERED
    assert order.photos.get().content_type == "image/png"


def test_a_photo_whose_name_lies_about_its_type_is_refused(world):
    """The same rule as a check's photos (inspections/checks/services/photos.py): a PNG called
    .jpg is not trusted."""
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    client = Client()
    client.force_login(world.user_a)
    photo = SimpleUploadedFile("look.jpg", _png(), content_type="image/jpeg")
    response = client.post(
        f"/staff/inspections/orders/{order.pk}/answer/", {"note": "已补挂牌匾", "photos": photo}
    )
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN and not order.photos.exists()


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_changes(world):
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    client = Client()
    client.force_login(world.user_a)
    fake = SimpleUploadedFile("x.png", b"<html>not a photo</html>", content_type="image/png")
    response = client.post(
        f"/staff/inspections/orders/{order.pk}/answer/", {"note": "已整改", "photos": fake}
    )
    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
    assert not order.photos.exists()
