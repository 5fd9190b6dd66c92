"""What every bench script shares: docs/BENCHMARKS.md, one section per script.

Each script owns the part of the file between its two markers
(``<!-- bench:NAME:start -->`` … ``<!-- bench:NAME:end -->``) and replaces only that part
with ``--write``; a section not yet in the file is appended. Comparing two runs is a
``git diff`` of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"


def write(start: str, end: str, text: str, doc: Path = DOC) -> None:
    """Replace the section between ``start`` and ``end`` with ``text`` (markers added when
    ``text`` does not carry them)."""
    block = text if text.lstrip().startswith(start) else f"{start}\n{text}\n{end}"
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if start in current and end in current:
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        updated = pattern.sub(lambda _m: block.strip(), current)
    else:
        updated = current.rstrip("\n") + "\n\n" + block.strip() + "\n"
    doc.write_text(updated, encoding="utf-8")
