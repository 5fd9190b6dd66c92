"""Photos of a check: JPEG or PNG, at most 10 MB, the type read from the bytes.

The phone resizes a photo before it is sent (static/js/inspection_form.js), so 10 MB is
the limit for a photo sent from a computer or without JavaScript. Pillow decides what the
file is; a file whose name or declared type says one thing and whose bytes say another
(an HTML page called photo.jpg, a PNG sent as image/jpeg) is refused rather than trusted.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 10


@dataclass(frozen=True)
class PhotoType:
    mime: str
    extensions: tuple[str, ...]


PHOTO_TYPES = {
    "JPEG": PhotoType("image/jpeg", (".jpg", ".jpeg")),
    "PNG": PhotoType("image/png", (".png",)),
}


@dataclass(frozen=True)
class PhotoFacts:
    content_type: str
    size: int
    sha256: str


def _claimed_mismatch(upload, found: PhotoType) -> bool:
    name = (getattr(upload, "name", "") or "").lower()
    if "." in name and not name.endswith(found.extensions):
        return True
    claimed = (getattr(upload, "content_type", "") or "").lower()
    # application/octet-stream is what a browser sends when it does not know: no claim.
    return claimed.startswith("image/") and claimed != found.mime


def photo_facts(upload) -> PhotoFacts:
    """Check an uploaded photo and return its type, size and checksum, or ValidationError."""
    size = upload.size
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo is larger than 10 MB."), code="too_large")
    refused = ValidationError(
        _("Only JPEG or PNG photos can be uploaded, and the file must really be one."),
        code="not_a_photo",
    )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                found = PHOTO_TYPES.get(image.format or "")
                image.verify()  # structure and checksums, without decoding every pixel
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise refused from exc
    except Image.DecompressionBombError as exc:
        raise refused from exc
    if found is None or _claimed_mismatch(upload, found):
        raise refused
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return PhotoFacts(content_type=found.mime, size=size, sha256=digest.hexdigest())
