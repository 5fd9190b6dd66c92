"""A photo is drawn on a page from its stored thumbnail (a JPEG of at most
PHOTO_THUMBNAIL_PX, made once after the upload, beside the original); the original is only a
download. Until the thumbnail is made the page shows a tile, not the original."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from inspections.checks.services.inspection import inspection_record
from inspections.checks.services.thumbnails import thumbnails_make
from inspections.models import InspectionPhoto, RectificationPhoto
from inspections.orders.services.rectification import rectification_answer, rectification_open

from .factories_checks import image_bytes, record_kwargs, station
from .factories_orders import operating_station

pytestmark = pytest.mark.django_db


def _jpeg(size=(2000, 1500)) -> SimpleUploadedFile:
    return SimpleUploadedFile("现场.jpg", image_bytes("JPEG", size), content_type="image/jpeg")


def _check_with_photo(world, upload, capture):
    with capture(execute=True):
        check, _ = inspection_record(
            **record_kwargs(station(world.union_a), world.inspector, photos=[upload])
        )
    return check, check.photos.get()


def _served(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_thumbnail_is_a_640_px_jpeg_beside_the_original(
    world, tasks_in_process, django_capture_on_commit_callbacks
):
    _check, photo = _check_with_photo(world, _jpeg(), django_capture_on_commit_callbacks)

    assert photo.thumbnail
    assert os.path.dirname(photo.thumbnail.name) == os.path.dirname(photo.image.name)
    assert photo.thumbnail.name.endswith("-thumb.jpg")
    with photo.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert (thumb.format, thumb.size) == ("JPEG", (640, 480))  # 2000×1500 scaled by 0.32


def test_the_check_page_draws_the_thumbnail_and_offers_the_original_as_a_download(
    client, world, tasks_in_process, django_capture_on_commit_callbacks
):
    check, photo = _check_with_photo(world, _jpeg(), django_capture_on_commit_callbacks)
    url = reverse("inspections:check_photo", args=[check.pk, photo.pk])
    client.force_login(world.aid)

    page = client.get(reverse("inspections:check_detail", args=[check.pk])).content.decode()
    thumb = client.get(url, {"thumbnail": "1"})
    original = client.get(url)

    assert f'<img src="{url}?thumbnail=1"' in page and f'<img src="{url}"' not in page
    assert f'<a class="small" href="{url}" download' in page
    assert thumb["Content-Type"] == "image/jpeg"
    assert thumb["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(_served(thumb))).size == (640, 480)
    assert original["Content-Disposition"].startswith("attachment")
    assert Image.open(io.BytesIO(_served(original))).size == (2000, 1500)


def test_before_the_thumbnail_is_made_the_page_shows_a_tile_not_the_original(client, world):
    # The upload's transaction never commits here, so the job is never queued.
    check, _ = inspection_record(
        **record_kwargs(station(world.union_a), world.inspector, photos=[_jpeg()])
    )
    client.force_login(world.aid)

    page = client.get(reverse("inspections:check_detail", args=[check.pk])).content.decode()

    assert 'data-testid="no-thumbnail"' in page and "<img" not in page.split("check-photos")[1]
    photo = check.photos.get()
    url = reverse("inspections:check_photo", args=[check.pk, photo.pk])
    assert client.get(url, {"thumbnail": "1"}).status_code == 404


def test_a_transparent_png_becomes_a_jpeg_on_white_and_is_made_once(world):
    out = io.BytesIO()
    Image.new("RGBA", (800, 200), (0, 0, 0, 0)).save(out, format="PNG")
    check, _ = inspection_record(
        **record_kwargs(
            station(world.union_a),
            world.inspector,
            photos=[SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")],
        )
    )
    photo = check.photos.get()

    assert thumbnails_make("inspection", [photo.pk]) == 1
    assert thumbnails_make("inspection", [photo.pk]) == 0  # made once
    photo.refresh_from_db()
    with photo.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
        assert (thumb.format, thumb.mode, thumb.size) == ("JPEG", "RGB", (640, 160))
        assert thumb.getpixel((10, 10)) == (255, 255, 255)


def test_an_orders_answer_shows_thumbnails_and_downloads(
    client, world, tasks_in_process, django_capture_on_commit_callbacks
):
    order = rectification_open(station=operating_station(world.union_a), by=world.aid, items=["a"])
    with django_capture_on_commit_callbacks(execute=True):
        rectification_answer(
            order=order, by=world.user_a, note="已整改", photos=[_jpeg((900, 1200))]
        )
    photo = RectificationPhoto.objects.get()
    url = reverse("inspections:order_photo", args=[order.pk, photo.pk])
    client.force_login(world.aid)

    page = client.get(reverse("inspections:order_detail", args=[order.pk])).content.decode()

    assert f'<img src="{url}?thumbnail=1"' in page and f'<a href="{url}" download' in page
    assert client.get(url)["Content-Disposition"].startswith("attachment")
    assert Image.open(io.BytesIO(_served(client.get(url, {"thumbnail": "1"})))).size == (480, 640)
    assert InspectionPhoto.objects.count() == 0


def test_photos_from_before_get_their_thumbnails_from_the_command(world):
    from io import StringIO

    from django.core.management import call_command

    check, _ = inspection_record(
        **record_kwargs(station(world.union_a), world.inspector, photos=[_jpeg((300, 200))])
    )
    out = StringIO()

    call_command("photo_thumbnails", stdout=out)
    call_command("photo_thumbnails", stdout=out)

    assert out.getvalue().splitlines() == ["1 thumbnail(s) made", "0 thumbnail(s) made"]
    assert check.photos.get().thumbnail
