"""CSRF secrets and masks drawn from one read of the operating system's random source.

Django draws each character of a CSRF secret and of each token's mask with ``secrets.choice``:
one ``os.urandom`` call a character, 64 a new visitor. A plaque's page, kept drawn, is
served to a first-time visitor (a QR scan has no cookie yet) in some 90 µs, and those 64
system calls were 45 of them (issue 26: the page under 32 connections at 0.70 of the
trivial view's throughput). ``random_string`` keeps ``get_random_string``'s contract (every
character uniform over the allowed ones, from the same cryptographic source) with one read:
bytes are mapped to characters by rejection sampling (``bytes.translate`` drops each byte at
or above the largest multiple of the alphabet's size and maps the rest), so no character is
likelier than another.
"""

from __future__ import annotations

import os
from functools import lru_cache

from django.middleware import csrf
from django.utils.crypto import RANDOM_STRING_CHARS, get_random_string


@lru_cache(maxsize=8)
def _tables(allowed_chars: str) -> tuple[bytes, bytes] | None:
    """For an alphabet of ASCII characters: the table mapping each kept byte to its
    character, and the bytes to drop (those at or above the largest multiple of its size,
    which would favour its first characters)."""
    size = len(allowed_chars)
    if not 0 < size <= 256 or not allowed_chars.isascii():
        return None
    below = 256 - 256 % size
    table = bytes(ord(allowed_chars[byte % size]) if byte < below else 0 for byte in range(256))
    return table, bytes(range(below, 256))


def random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    tables = _tables(allowed_chars)
    if tables is None:
        return get_random_string(length, allowed_chars)
    table, dropped = tables
    drawn = b""
    while len(drawn) < length:
        drawn += os.urandom(length - len(drawn) + 8).translate(table, dropped)
    return drawn[:length].decode("ascii")


def install() -> None:
    """Django's CSRF module draws its secrets and masks with ``random_string``
    (config.apps.ProjectConfig.ready)."""
    csrf.get_random_string = random_string
