"""Uploaded scans: PDF, JPEG or PNG, at most 10 MB, the type read from the content."""

from __future__ import annotations

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _

MAX_SCAN_BYTES = 10 * 1024 * 1024
ALLOWED_SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def validate_scan(upload) -> None:
    if upload.size > MAX_SCAN_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."))
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    # The name and the browser's content type are the sender's claims; the bytes decide.
    if kind is None or kind.mime not in ALLOWED_SCAN_TYPES:
        raise forms.ValidationError(_("Only PDF, JPEG or PNG scans can be uploaded."))


class ScanField(forms.FileField):
    default_validators = [validate_scan]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("The signed and stamped copy: PDF, JPEG or PNG, at most 10 MB.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,.jpg,.jpeg,.png")
