"""Reading downloaded workbooks back in tests."""

from __future__ import annotations

import io
from urllib.parse import unquote

from openpyxl import load_workbook


def workbook_of(response, **options):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content), **options)


def download_name(response) -> str:
    """The UTF-8 file name from ``filename*=UTF-8''…`` (RFC 5987)."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    encoded = header.split("filename*=UTF-8''", 1)[1]
    return unquote(encoded)


def texts(ws) -> list[str]:
    return [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
