"""Uploaded scans: PDF, JPEG or PNG, at most 10 MB, the type read from the content.

The name and the browser's content type are the sender's claims: a PDF-headed HTML file
sent as ``polyglot.html`` came back as text/html, an SVG as image/svg+xml. The bytes decide
the type here; the file is stored under a generated name with that type's extension, and
served as that type only, as an attachment (``stations/views/scans.py``).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _

MAX_SCAN_BYTES = 10 * 1024 * 1024
_HEAD, _TAIL = 8192, 1024
# A PDF starts with its version line and ends with %%EOF; readers allow the end marker
# within the last kilobyte. An HTML page that merely starts with %PDF- has no trailer.
_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")


@dataclass(frozen=True)
class ScanType:
    mime: str
    extension: str


PDF = ScanType("application/pdf", ".pdf")
JPEG = ScanType("image/jpeg", ".jpg")
PNG = ScanType("image/png", ".png")
SCAN_TYPES = {t.mime: t for t in (PDF, JPEG, PNG)}


def scan_type_of(head: bytes, tail: bytes) -> ScanType | None:
    """The scan type the bytes really are, or None. ``tail`` is the last kilobyte."""
    kind = filetype.guess(head)
    found = SCAN_TYPES.get(kind.mime) if kind else None
    if found is PDF and not (_PDF_HEADER.match(head) and b"%%EOF" in tail):
        return None
    if found is PNG and head[12:16] != b"IHDR":  # the first chunk of every PNG
        return None
    return found


def read_scan_type(file) -> ScanType | None:
    """The type of an open binary file (upload or stored), read from its first and last bytes."""
    file.seek(0)
    head = file.read(_HEAD)
    try:
        file.seek(-_TAIL, 2)
    except (OSError, ValueError):  # shorter than the tail
        file.seek(0)
    tail = file.read(_TAIL)
    file.seek(0)
    return scan_type_of(head, tail)


def scan_check(upload) -> ScanType:
    """The one check of an uploaded document, a scan or an appeal's evidence: at most
    10 MB, and the type its bytes are (a complete PDF, a JPEG or a PNG); else
    ValidationError. What it cannot check is what a PDF says or whether it is genuine."""
    if upload.size > MAX_SCAN_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
    found = read_scan_type(upload)
    if found is None:
        raise forms.ValidationError(
            _(
                "Only PDF, JPEG or PNG scans can be uploaded, and the file must really be one "
                "(a complete PDF, or a photo or scan saved as JPEG or PNG)."
            ),
            code="not_a_scan",
        )
    return found


def validate_scan(upload) -> None:
    scan_check(upload)


class ScanField(forms.FileField):
    default_validators = [validate_scan]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("The signed and stamped copy: PDF, JPEG or PNG, at most 10 MB.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png")

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "content_type"):
            # Stored under a name of ours with the extension of the type found in the bytes:
            # the sender's name (polyglot.html) never reaches the disk or a response.
            found = read_scan_type(upload)
            upload.name = f"{uuid.uuid4().hex}{found.extension}"
            upload.content_type = found.mime
        return upload
