"""Fonts for the PDFs: Debian's Noto CJK (fonts-noto-cjk) found through fontconfig.

Why this module matters for speed: a PDF embeds only the glyphs it uses (subsetting).
WeasyPrint subsets with libharfbuzz-subset, in C. When that library is missing it falls
back to fontTools, in Python, which takes about 8 s a page with a CJK font and logs "Using
fontTools instead of HarfBuzz-Subset ... Please install HarfBuzz-Subset >= 4.1.0 with your
package manager" (WeasyPrint issue #2120, fixed in v63 by subsetting with HarfBuzz, PR
#2178). The Makefile installs libharfbuzz-subset0; ``fast_subsetting_available()`` says
whether it was loaded, and the tests and the bench insist on it.

Even with HarfBuzz, subsetting the full 65,000-glyph faces is most of a pledge's render
time, so the stylesheet puts GB2312 cuts of the two faces first (see subset.py), with the
full system faces behind them for rare characters.

The FontConfiguration and the shared stylesheet are built once per process, on first use
(not at import, so that a Celery parent process does not fork live Pango objects), and
reused by every later render: that is what makes a warm render cheap.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string

log = logging.getLogger(__name__)

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
CUT_SUFFIX = "GB2312"


@dataclass(frozen=True)
class Face:
    family: str
    style: str
    weight: int

    @property
    def cut_family(self) -> str:
        return f"{self.family} {CUT_SUFFIX}"


# Two faces only: every face a document uses is one more font to subset in every PDF.
FACES = (Face(SERIF, "Regular", 400), Face(SANS, "Bold", 700))

# WeasyPrint and Pango are not documented as thread-safe; the dev server and the embedded
# (eager) mode render in request threads, so renders in one process take turns.
lock = threading.RLock()

_font_config = None
_stylesheet = None
_warned = False


def font_config():
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def stylesheet():
    """The shared print stylesheet (templates/documents/print.css), parsed once."""
    global _stylesheet
    if _stylesheet is None:
        from weasyprint import CSS

        context = {"faces": cut_faces(), "serif": SERIF, "sans": SANS, "cut": CUT_SUFFIX}
        _stylesheet = CSS(
            string=render_to_string("documents/print.css", context), font_config=font_config()
        )
    return _stylesheet


def locate(face: Face) -> tuple[Path, int] | None:
    """The file and collection index fontconfig uses for a face, if it is installed."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    pattern = f"{face.family}:style={face.style}"
    out = subprocess.run(
        [fc_match, "--format=%{family}\\n%{file}\\n%{index}", pattern],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    if len(out) < 3 or face.family not in out[0].split(","):
        return None
    return Path(out[1]), int(out[2] or 0)


@lru_cache(maxsize=1)
def cut_faces() -> tuple[dict, ...]:
    """@font-face entries for the GB2312 cuts; empty (full faces only) if they cannot be made."""
    from .subset import cut

    faces = []
    for face in FACES:
        try:
            located = locate(face)
            if located is None:
                raise OSError(f"{face.family} {face.style} is not installed")
            path = cut(*located)
        except (OSError, AttributeError) as exc:
            log.warning("PDFs use the full %s face (slower, larger): %s", face.family, exc)
            return ()
        faces.append({"family": face.cut_family, "weight": face.weight, "url": path.as_uri()})
    return tuple(faces)


def fast_subsetting_available() -> bool:
    """True when WeasyPrint subsets fonts with HarfBuzz (C) rather than fontTools (Python)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def warn_if_slow() -> None:
    global _warned
    if not _warned and not fast_subsetting_available():
        _warned = True
        log.warning(
            "libharfbuzz-subset is not available: every PDF will take seconds to build. "
            "Install the Debian package libharfbuzz-subset0 (make system-deps)."
        )


@lru_cache(maxsize=1)
def installed_cjk_families() -> frozenset[str]:
    """The Noto CJK SC families fontconfig knows (empty when fc-list is missing)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return frozenset()
    out = subprocess.run(
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    ).stdout
    families = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return frozenset(f for f in (SERIF, SANS) if f in families)


def reset() -> None:
    """Let go of the configuration and delete the folder of @font-face copies WeasyPrint
    made for it (~8 MB). Called at exit (atexit here, and Celery's worker_process_shutdown
    in documents/tasks.py for pool processes, which leave by os._exit and skip atexit)."""
    global _font_config, _stylesheet
    with lock:
        config, _font_config, _stylesheet = _font_config, None, None
    # Not left to the garbage collector: the configuration sits in reference cycles that a
    # process leaving by os._exit never collects.
    folder = getattr(config, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(reset)
