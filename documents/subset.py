"""Cut a Noto CJK face down to GB2312 once, with HarfBuzz (uharfbuzz), before any PDF is made.

Why: WeasyPrint subsets every font again for every PDF, keeping glyph ids. On the full
Noto CJK faces (65,000 glyphs, 20-26 MB) that costs ~0.1 s a PDF and ~170 KB of empty glyph
slots per face. On a face cut to the 7,900 characters of GB2312 (every character of
everyday simplified Chinese, plus ASCII and the punctuation the forms use) both shrink
about tenfold. Characters outside GB2312 (rare given names: 堃, 喆, 镕) are not lost: the
stylesheet lists the full system face after the cut one, and Pango falls back to it.

The cut is made by ``manage.py documents_fonts`` (``make install`` runs it) into
settings.FONT_CACHE_DIR (var/fonts/ by default), named after the source file, its size and
time, the character set and the HarfBuzz version, so that a font or library update makes a
new cut. A render that finds no cut makes it then (~0.3 s for both faces).

uharfbuzz is HarfBuzz's maintained Python binding and brings its own HarfBuzz; measured on
these faces it is faster than the system libharfbuzz-subset through hand-written cffi and
a hundred times faster than fontTools' subsetter (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import uharfbuzz
from django.conf import settings

# Bump when charset() changes: every cut is made again.
CHARSET_REVISION = 1
SUFFIX = "-gb2312-"


def harfbuzz_version() -> str:
    return uharfbuzz.version_string()


@lru_cache(maxsize=1)
def charset() -> tuple[int, ...]:
    """GB2312 (both levels and its symbol rows), ASCII, Latin-1, and common punctuation."""
    points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    points |= set(range(0x2000, 0x2070))  # general punctuation: — … ‘ ’ “ ”
    points |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation: 、。〔〕《》
    points |= set(range(0xFF00, 0xFFF0))  # full-width forms: （）：；，
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return tuple(sorted(points))


def cache_dir() -> Path:
    return Path(settings.FONT_CACHE_DIR)


def target_for(source: Path, index: int) -> Path:
    """Where the cut of face ``index`` of ``source`` lives; a new name for any new input."""
    stat = source.stat()
    key = "|".join(
        str(part)
        for part in (
            source,
            index,
            stat.st_size,
            stat.st_mtime_ns,
            CHARSET_REVISION,
            harfbuzz_version(),
        )
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return cache_dir() / f"{source.stem}-{index}{SUFFIX}{digest}.otf"


def cut(source: Path, index: int) -> Path:
    """The GB2312 cut of face ``index`` of ``source``, made once and kept on disk."""
    target = target_for(source, index)
    if target.exists():
        return target
    data = subset(source, index, charset())
    target.parent.mkdir(parents=True, exist_ok=True)
    # Another process may be making the same file: write aside, then rename (atomic).
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target


def stale(keep: set[Path]) -> list[Path]:
    """Cuts in the cache folder other than ``keep`` (left by an earlier font or library)."""
    folder = cache_dir()
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if SUFFIX in path.name and path.suffix in (".otf", ".part") and path not in keep
    )


def subset(source: Path, index: int, points: tuple[int, ...]) -> bytes:
    """Face ``index`` of ``source`` cut down to ``points``, as an OpenType file."""
    request = uharfbuzz.SubsetInput()
    request.unicode_set.update(points)
    try:
        face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(source)), index)
        data = uharfbuzz.subset(face, request).blob.data
    except (uharfbuzz.HarfBuzzError, RuntimeError) as exc:  # unreadable, or not a font
        raise OSError(f"HarfBuzz could not subset face {index} of {source}: {exc}") from exc
    if not data:
        raise OSError(f"HarfBuzz could not subset face {index} of {source}")
    return data
