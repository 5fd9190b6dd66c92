"""Thumbnails of photos: a JPEG of at most PHOTO_THUMBNAIL_PX on its longer side, made once
by a Celery job after the upload commits and stored beside the original (``…-thumb.jpg``).

Pages show the thumbnail and offer the original only as a download: a 10 MB, 40-megapixel
original drawn inline costs a phone its memory and the inspector's data plan, for every photo
of every visit to the page. A JPEG is decoded at a reduced scale (``Image.draft``: the DCT
scaling of libjpeg), so a large one costs a fraction of its full decode.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from io import BytesIO

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from ...orders.models import AppealEvidence, RectificationPhoto
from ..models import InspectionPhoto
from .photos import pixel_limit

log = logging.getLogger(__name__)

# kind -> (model, the original's field)
THUMBNAILED = {
    "inspection": (InspectionPhoto, "image"),
    "rectification": (RectificationPhoto, "image"),
    "appeal": (AppealEvidence, "file"),
}


def thumbnail_bytes(handle) -> bytes:
    """The thumbnail of an open image file, as JPEG bytes."""
    px = settings.PHOTO_THUMBNAIL_PX
    with Image.open(handle) as image:
        width, height = image.size
        if width * height > pixel_limit():  # the upload check refused these; never decode
            raise ValueError("over the pixel limit")
        image.draft("RGB", (px, px))
        shown = ImageOps.exif_transpose(image)
        shown.thumbnail((px, px))
        if shown.mode in ("RGBA", "LA", "P"):
            shown = shown.convert("RGBA")
            ground = Image.new("RGB", shown.size, "white")
            ground.paste(shown, mask=shown.getchannel("A"))
            shown = ground
        elif shown.mode != "RGB":
            shown = shown.convert("RGB")
        out = BytesIO()
        shown.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def thumbnails_make(kind: str, ids) -> int:
    """Make the missing thumbnails of these rows; how many were made. A file Pillow cannot
    draw keeps none (the page offers its download only)."""
    model, field = THUMBNAILED[kind]
    made = 0
    for row in model.objects.filter(pk__in=list(ids), thumbnail=""):
        if not row.content_type.startswith("image/"):
            continue  # a PDF of an appeal's evidence
        original = getattr(row, field)
        try:
            with original.open("rb") as handle:
                data = thumbnail_bytes(handle)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            log.warning("no thumbnail for %s %s", kind, row.pk, exc_info=True)
            continue
        stem = os.path.splitext(original.name)[0]
        row.thumbnail.name = original.storage.save(f"{stem}-thumb.jpg", ContentFile(data))
        row.save(update_fields=["thumbnail"])
        made += 1
    return made


@shared_task(
    name="inspections.photo_thumbnails",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def photo_thumbnails_task(kind: str, ids: list[int]) -> int:
    return thumbnails_make(kind, ids)


def thumbnails_later(kind: str, ids) -> None:
    """Queue the rows' thumbnails once the upload commits (embedded mode: at once)."""
    ids = list(ids)
    if ids:
        transaction.on_commit(partial(photo_thumbnails_task.delay, kind, ids), robust=True)
