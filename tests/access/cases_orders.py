from __future__ import annotations

from .case import Case

CASES: dict[str, Case] = {}
VARIANTS: list[tuple[str, Case]] = []
