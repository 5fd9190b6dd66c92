"""Run the benchmark scripts in bench/ and print a table (``make bench``).

    .venv/bin/python bench/run.py [NAME ...] [-- ARGS]

NAME picks scripts by part of their name (``hostile`` runs bench_hostile_import.py); none
runs them all. ARGS after ``--`` go to every script (``-- --write`` updates
docs/BENCHMARKS.md). Each script runs in its own process and prints its own report; this
runner adds only the summary.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names, args = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    scripts = sorted(BENCH.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if any(n in s.stem for n in names)]
    if not scripts:
        print(f"no bench script matches {names}", file=sys.stderr)
        return 2
    rows = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(script), *args], check=False)  # noqa: S603
        rows.append((script.name, done.returncode, time.perf_counter() - started))
    width = max(len(name) for name, _rc, _s in rows)
    print(f"\n{'script':<{width}}  result  seconds")
    for name, rc, seconds in rows:
        print(f"{name:<{width}}  {'ok' if rc == 0 else f'exit {rc}':<6}  {seconds:7.1f}")
    return max(rc for _name, rc, _s in rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
