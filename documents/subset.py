"""Cut a Noto CJK face down to GB2312 once, with HarfBuzz, before any PDF is made.

Why: WeasyPrint subsets every font again for every PDF, keeping glyph ids. On the full
Noto CJK faces (65,000 glyphs, 20-26 MB) that costs ~0.1 s a PDF and ~170 KB of empty glyph
slots per face. On a face cut to the 7,900 characters of GB2312 (every character of
everyday simplified Chinese, plus ASCII and the punctuation the forms use) both shrink
about tenfold. Characters outside GB2312 (rare given names: 堃, 喆, 镕) are not lost: the
stylesheet lists the full system face after the cut one, and Pango falls back to it.

The cut takes ~0.5 s per face and is cached in the temporary directory, keyed by the
source file, so each machine makes it once (and again after a reboot or a font update).
The bindings are to the same libharfbuzz and libharfbuzz-subset WeasyPrint loads.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

CHARSET_REVISION = 1

_CDEF = """
const char * hb_version_string (void);
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t * hb_blob_create_from_file_or_fail (const char *file_name);
hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
hb_blob_t * hb_face_reference_blob (hb_face_t *face);
const char * hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
void hb_blob_destroy (hb_blob_t *blob);
void hb_face_destroy (hb_face_t *face);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t * hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t * hb_subset_input_unicode_set (hb_subset_input_t *input);
hb_face_t * hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""


@lru_cache(maxsize=1)
def _libraries():
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")


def harfbuzz_version() -> str:
    ffi, hb, _ = _libraries()
    return ffi.string(hb.hb_version_string()).decode()


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
    return Path(tempfile.gettempdir()) / f"relay-fonts-{os.getuid()}"


def cut(source: Path, index: int) -> Path:
    """The GB2312 cut of face ``index`` of ``source``, made once and cached on disk."""
    stat = source.stat()
    key = f"{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{CHARSET_REVISION}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    target = cache_dir() / f"{source.stem}-{index}-gb2312-{digest}.otf"
    if target.exists():
        return target
    data = _subset(source, index, charset())
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Another process may be making the same file: write aside, then rename (atomic).
    partial = target.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target


def _subset(source: Path, index: int, points: tuple[int, ...]) -> bytes:
    ffi, hb, hb_subset = _libraries()
    blob = hb.hb_blob_create_from_file_or_fail(str(source).encode())
    if blob == ffi.NULL:
        raise OSError(f"HarfBuzz cannot read {source}")
    face = hb.hb_face_create(blob, index)
    request = hb_subset.hb_subset_input_create_or_fail()
    try:
        unicodes = hb_subset.hb_subset_input_unicode_set(request)
        for point in points:
            hb.hb_set_add(unicodes, point)
        result = hb_subset.hb_subset_or_fail(face, request)
        if result == ffi.NULL:
            raise OSError(f"HarfBuzz could not subset {source}")
        out = hb.hb_face_reference_blob(result)
        length = ffi.new("unsigned int *")
        data = bytes(ffi.buffer(hb.hb_blob_get_data(out, length), length[0]))
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
    finally:
        hb_subset.hb_subset_input_destroy(request)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)
    if not data:
        raise OSError(f"HarfBuzz made an empty subset of {source}")
    return data
