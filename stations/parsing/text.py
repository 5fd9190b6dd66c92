"""Cleaning what clerks type: half-width forms, spaces, and the parsers' error type."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal


class ParseError(ValueError):
    """A value a clerk typed that cannot be read; ``str(exc)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


# Zero-width characters come along when clerks paste from web pages and chat apps.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"\s+")


# Chinese text is punctuated with these full-width marks; they are its normal form, not
# "full-width ASCII", so stored names and addresses keep them: 南京东路1号（近地铁站）.
CHINESE_PUNCTUATION = "，；：（）！？"
_PROTECT = {ord(ch): chr(0xE000 + i) for i, ch in enumerate(CHINESE_PUNCTUATION)}
_UNPROTECT = {ord(v): k for k, v in ((ch, _PROTECT[ord(ch)]) for ch in CHINESE_PUNCTUATION)}


def normalize_text(s) -> str:
    """Full-width digits, letters and symbols to half-width; trimmed; spaces collapsed.

    NFKC folds １２３ ＡＢＣ －～／＠, the ideographic space and ㎡ (to m2). The Chinese
    punctuation (，；：（）！？ and 、。—《》“”) is kept: it is how Chinese is written, and a
    clerk's address should read back the way it was typed. Parsers compare with
    ``fold_text``, which folds that punctuation too.
    """
    if s is None:
        return ""
    if isinstance(s, float) and s.is_integer():
        s = int(s)
    text = str(s)
    if not text.isascii():  # most cells are; NFKC is the costly part of an import
        text = text.translate(_PROTECT)
        text = unicodedata.normalize("NFKC", text).translate(_UNPROTECT).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def fold_text(s) -> str:
    """``normalize_text`` with the Chinese punctuation folded too (：→: ，→, （→( ), for parsing."""
    if s is None:
        return ""
    if isinstance(s, float) and s.is_integer():
        s = int(s)
    text = str(s)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def cell_text(value) -> str:
    """A cell's text, with Excel's float artefacts removed (13812345678.0 -> 13812345678)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return fold_text(value)
