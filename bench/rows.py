"""The rows of the one table `make bench` ends with: every script says what it measured.

Each bench script calls ``emit(...)`` once per figure it judges: the figure, the value
measured, the target in words, the reference measured in the same run (the trivial view,
openpyxl's own parse), the ratio to it, and whether the target is met. ``bench/run.py`` names
a file in the environment (``BENCH_ROWS``); each row is one JSON line appended to it, so a
script run alone (no such file) only prints its own report, and a script that dies half way
leaves the rows it had. ``run.py`` reads them back, prints one table across all scripts and
exits non-zero when a row is not met or a script emitted none.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

ROWS_ENV = "BENCH_ROWS"


@dataclass(frozen=True)
class Row:
    script: str  # the bench script's name, e.g. "bench_pages"
    figure: str  # what was measured, in words
    value: float  # the measured value, in ``unit``
    unit: str  # "ms", "s", "MB", "req/s", "×"
    target: str  # the target in words ("< 50 ms and < 10× the logged-in trivial view")
    met: bool | None  # None for a reference row (what others are compared with)
    reference: str = ""  # the reference measured in the same run, in words with its value
    ratio: float | None = None  # value / reference, or reference / value for throughput
    note: str = ""  # anything else a reader needs (the response's size, the load)

    def shown_value(self) -> str:
        return shown(self.value, self.unit)


def shown(value: float, unit: str) -> str:
    if not unit and float(value).is_integer():
        return f"{int(value):,}"  # a count (ratings counted, taps counted)
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    if unit in ("ms", "s", "MB"):
        return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"
    if unit == "req/s":
        return f"{value:,.0f} req/s"
    return f"{value:,.2f} {unit}".strip()


def emit(row: Row) -> Row:
    """Append ``row`` to the run's file of rows, when run.py named one."""
    path = os.environ.get(ROWS_ENV)
    if path:
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    return row


def read(path: Path) -> list[Row]:
    if not path.exists():
        return []
    names = {f.name for f in fields(Row)}
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append(Row(**{k: v for k, v in data.items() if k in names}))
    return rows


def table(rows: list[Row]) -> list[str]:
    """One markdown table: figure, measured, target, reference, ratio, met."""
    lines = [
        "| script | figure | measured | target | reference (same run) | ratio | met |",
        "|---|---|---:|---|---|---:|---|",
    ]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        figure = f"{r.figure} ({r.note})" if r.note else r.figure
        lines.append(
            f"| {r.script} | {figure} | {r.shown_value()} | {r.target} | {r.reference} "
            f"| {ratio} | {met} |"
        )
    return lines
