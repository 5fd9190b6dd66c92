"""The upload form of the Excel import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# A 5,000-row filing is about 400 KB; anything near this limit is not a filing form.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def validate_size(upload) -> None:
    if upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."))


class FilingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in filing form (.xlsx)"),
        validators=[validate_size],
        help_text=_("The Excel file in the layout of the blank template, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
