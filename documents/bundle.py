"""Many stored documents into one zip, written to a temporary file (a filing's thousand
pledges and plaques would not fit comfortably in memory)."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable

from django.core.files.storage import Storage

from . import kinds

# A fixed timestamp for every entry: the same members give a byte-identical zip.
ENTRY_TIME = (2018, 1, 1, 0, 0, 0)
# PDFs are compressed already; storing them is as small and much faster.
COMPRESSION = zipfile.ZIP_STORED


def entry_name(code: str, title: str) -> str:
    """pledges/SH00001.pdf: ASCII names open the same way in every unzip tool."""
    kind = kinds.get(code)
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in title)
    return f"{kind.folder_name()}/{safe or 'document'}.{kind.extension}"


def write_zip(entries: Iterable[tuple[str, str]], storage: Storage):
    """Zip (entry name, stored file name) pairs; returns the open temporary file, at 0."""
    out = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - the caller closes it
    with zipfile.ZipFile(out, "w", compression=COMPRESSION, allowZip64=True) as archive:
        for arcname, stored_name in entries:
            info = zipfile.ZipInfo(arcname, date_time=ENTRY_TIME)
            info.compress_type = COMPRESSION
            with storage.open(stored_name, "rb") as src, archive.open(info, "w") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
    out.seek(0)
    return out
