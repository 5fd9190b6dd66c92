"""CSRF secrets and masks drawn from one read of the operating system's random source.

Django draws each character of a CSRF secret and of each token's mask with ``secrets.choice``:
one ``os.urandom`` call a character, 64 a new visitor. A plaque's page, kept drawn, is
served to a first-time visitor (a QR scan has no cookie yet) in some 90 µs, and those 64
system calls were 45 of them (issue 26: the page under 32 connections at 0.70 of the
trivial view's throughput). ``random_string`` keeps ``get_random_string``'s contract (every
character uniform over the allowed ones, from the same cryptographic source) with one read:
bytes are mapped to characters by rejection sampling, a byte kept only below the largest
multiple of the alphabet's size, so no character is likelier than another.
"""

from __future__ import annotations

import os

from django.middleware import csrf
from django.utils.crypto import RANDOM_STRING_CHARS, get_random_string


def random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    size = len(allowed_chars)
    if not 0 < size <= 256:
        return get_random_string(length, allowed_chars)
    below = 256 - 256 % size  # bytes at or above it would favour the first characters
    chosen: list[str] = []
    while len(chosen) < length:
        for byte in os.urandom(length - len(chosen) + 8):
            if byte < below:
                chosen.append(allowed_chars[byte % size])
                if len(chosen) == length:
                    break
    return "".join(chosen)


def install() -> None:
    """Django's CSRF module draws its secrets and masks with ``random_string``
    (config.apps.ProjectConfig.ready)."""
    csrf.get_random_string = random_string
