"""Photos of a check: JPEG or PNG, at most 10 MB, the type read from the bytes; and the
evidence of an appeal: such photos, or PDF documents.

The phone resizes a photo before it is sent (static/js/inspection_form.js), so 10 MB is
the limit for a photo sent from a computer or without JavaScript. Pillow decides what the
file is; a file whose name or declared type says one thing and whose bytes say another
(an HTML page called photo.jpg, a PNG sent as image/jpeg) is refused rather than trusted.
A PDF is recognised by the scans' rule (stations/forms/uploads.py: a ``%PDF-`` version
line and an ``%%EOF`` trailer), so an HTML page called letter.pdf is refused too.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from stations.forms.uploads import PDF, read_scan_type

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
            with Image.open(upload) as image:
                found = PHOTO_TYPES.get(image.format or "")
                image.verify()  # structure and checksums, without decoding every pixel
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise refused from exc
    except Image.DecompressionBombError as exc:
        raise refused from exc
    if found is None or _claimed_mismatch(upload, found):
        raise refused
    return FileFacts(content_type=found.mime, size=size, sha256=_sha256(upload))


def evidence_facts(upload) -> FileFacts:
    """Check one file of an appeal's evidence, a photo (photo_facts) or a PDF, and return
    its type, size and checksum, or ValidationError."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A file is larger than 10 MB."), code="too_large")
    refused = ValidationError(
        _(
            "Only JPEG or PNG photos and PDF documents can be uploaded, and the file must really be one."
        ),
        code="not_evidence",
    )
    if read_scan_type(upload) is PDF:
        if _claimed_mismatch(upload, PDF_TYPE):
            raise refused
        return FileFacts(content_type=PDF_TYPE.mime, size=upload.size, sha256=_sha256(upload))
    try:
        return photo_facts(upload)
    except ValidationError as exc:
        if exc.code == "not_a_photo":
            raise refused from exc
        raise
