"""Photos of a check: JPEG or PNG, at most 10 MB and PHOTO_MAX_MEGAPIXELS, the type read
from the bytes; and the evidence of an appeal: such photos, or PDF documents.

The phone resizes a photo before it is sent (static/js/inspection_form.js), so 10 MB is
the limit for a photo sent from a computer or without JavaScript. Pillow decides what the
file is; a file whose name or declared type says one thing and whose bytes say another
(an HTML page called photo.jpg, a PNG sent as image/jpeg) is refused rather than trusted.
Ten megabytes can still hold a picture of 81 megapixels (a 9000×9000 PNG of one colour is
79 KB) that takes gigabytes to decode: its size is read from the header, which Pillow's
``Image.open`` reads without decoding a pixel, and a photo over the limit is refused before
anything decodes it; ``Image.MAX_IMAGE_PIXELS`` is the same limit (``set_pixel_limit``), so
no other code path of the portal decodes a larger one either. A PDF is checked by the scans'
rule (stations/forms/uploads.py ``scan_check``: at most 10 MB, a ``%PDF-`` version line and
an ``%%EOF`` trailer), so an HTML page called letter.pdf is refused too; what a PDF says,
and whether a photo shows what it claims, nothing can check: the pages say so.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from stations.forms.uploads import PDF, scan_check

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 10
# An appeal's evidence: photos or PDFs, each under the photos' 10 MB.
MAX_EVIDENCE_FILES = 10


@dataclass(frozen=True)
class FileType:
    mime: str
    extensions: tuple[str, ...]


PHOTO_TYPES = {
    "JPEG": FileType("image/jpeg", (".jpg", ".jpeg")),
    "PNG": FileType("image/png", (".png",)),
}
PDF_TYPE = FileType(PDF.mime, (".pdf",))


@dataclass(frozen=True)
class FileFacts:
    content_type: str
    size: int
    sha256: str


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _claimed_mismatch(upload, found: FileType) -> bool:
    name = (getattr(upload, "name", "") or "").lower()
    if "." in name and not name.endswith(found.extensions):
        return True
    claimed = (getattr(upload, "content_type", "") or "").lower()
    # application/octet-stream is what a browser sends when it does not know: no claim.
    return claimed.startswith("image/") and claimed != found.mime


def pixel_limit() -> int:
    return settings.PHOTO_MAX_MEGAPIXELS * 1_000_000


def set_pixel_limit() -> None:
    """Pillow's own decompression-bomb limit, the same as the photos' (the app's ready()):
    whatever opens an image in this process refuses what the upload check refuses."""
    Image.MAX_IMAGE_PIXELS = pixel_limit()


def _too_many_pixels(pixels: int | None = None) -> ValidationError:
    limit = settings.PHOTO_MAX_MEGAPIXELS
    if pixels is None:
        message = _("A photo may have at most %(limit)s megapixels.") % {"limit": limit}
    else:
        message = _(
            "A photo may have at most %(limit)s megapixels; this one has %(found)s. "
            "Please send a smaller one."
        ) % {"limit": limit, "found": round(pixels / 1_000_000, 1)}
    return ValidationError(message, code="too_many_pixels")


def _pixels_named(exc: Exception) -> int | None:
    # Pillow refuses inside Image.open, naming the size: "Image size (81000000 pixels)…".
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return int(found.group(1)) if found else None


def photo_facts(upload) -> FileFacts:
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
            # Lazy: the header only. Its size is checked before verify() reads the rest.
            with Image.open(upload) as image:
                found = PHOTO_TYPES.get(image.format or "")
                width, height = image.size
                if width * height > pixel_limit():
                    raise _too_many_pixels(width * height)
                image.verify()  # structure and checksums, without decoding every pixel
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        # Over Pillow's own limit (MAX_IMAGE_PIXELS), refused inside Image.open.
        raise _too_many_pixels(_pixels_named(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise refused from exc
    if found is None or _claimed_mismatch(upload, found):
        raise refused
    return FileFacts(content_type=found.mime, size=size, sha256=_sha256(upload))


def evidence_facts(upload) -> FileFacts:
    """Check one file of an appeal's evidence, a photo (photo_facts) or a PDF (the scans'
    ``scan_check``), and return its type, size and checksum, or ValidationError."""
    refused = ValidationError(
        _(
            "Only JPEG or PNG photos and PDF documents can be uploaded, and the file must really be one."
        ),
        code="not_evidence",
    )
    try:
        found = scan_check(upload)
    except ValidationError as exc:
        if exc.code == "too_large":
            raise ValidationError(_("A file is larger than 10 MB."), code="too_large") from exc
        raise refused from exc
    if found is PDF:
        if _claimed_mismatch(upload, PDF_TYPE):
            raise refused
        return FileFacts(content_type=PDF_TYPE.mime, size=upload.size, sha256=_sha256(upload))
    try:
        return photo_facts(upload)
    except ValidationError as exc:
        if exc.code == "not_a_photo":
            raise refused from exc
        raise
