"""Run the benchmark scripts in bench/ and end with one table (``make bench``).

    .venv/bin/python bench/run.py [NAME ...] [--size national] [--reuse] [--smoke]
                                  [--write] [-- ARGS]

1. Loads the national data once, fresh (bench/national.py into ``relay_bench_<size>``, or
   BENCH_DATABASE_URL), unless ``--reuse`` finds it loaded at this size; the scripts that
   read it (pages, export, load) are given that database rather than loading their own.
2. Runs each ``bench/bench_*.py`` (NAME picks them by part of their name: ``hostile``) in
   its own process with the arguments SCRIPTS gives it at this size; ARGS after ``--`` go
   to every script (``-- --write`` updates docs/BENCHMARKS.md). Each prints its own report.
3. Each script appends its judged figures to a file of rows (bench/rows.py); this runner
   reads them back and prints ONE table across all scripts: figure, measured value, target,
   the reference measured in the same run, the ratio to it, and met or not. ``--write``
   also puts that table in the "Summary" section of docs/BENCHMARKS.md.

Exits non-zero when a script fails, emits no row, or any row misses its target.
``--smoke`` runs every script at a tiny size (a few dozen stations, three plain requests per
page, wrk for the two reference views): the test that keeps the scripts from rotting
(tests/bench_guards/test_every_bench_script_runs.py). There the targets mean nothing and are not judged; a
script that fails or emits no row still fails the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench import embedded, rows, sections  # noqa: E402

START, END = "<!-- bench:summary:start -->", "<!-- bench:summary:end -->"
SMOKE_STATIONS = 60
# What the quarterly assessment's own bench loads, by size (issue 10's target: 200,000
# stations and 1,000,000 checks in one quarter).
ASSESSMENT = {"national": (200_000, 1_000_000), "small": (5_000, 25_000)}


def script_args(name: str, size: str, url: str, redis: str, smoke: bool) -> list[str]:
    """The arguments each script runs with at ``size`` (its national data given)."""
    from bench import national

    quarter = "/rankings/{}/q{}/".format(*national.QUARTERS[-1])
    if name == "bench_pages":
        return ["--size", size, "--reuse"] + (["--duration", "0"] if smoke else [])
    if name == "bench_export":
        return ["--size", size, "--reuse"]
    if name == "bench_load":
        args = ["--database-url", url, "--redis-url", redis, "--rankings-path", quarter]
        return args + (["--duration", "1"] if smoke else [])
    if name == "bench_assessment":
        stations, checks = (
            (SMOKE_STATIONS, SMOKE_STATIONS * 5)
            if smoke
            else ASSESSMENT.get(
                size, (national.station_count(size), 5 * national.station_count(size))
            )
        )
        args = ["--stations", str(stations), "--checks", str(checks)]
        return args + (["--runs", "3", "--db", "relay_assessment_smoke"] if smoke else [])
    if name == "bench_import":
        return ["--rows", "50", "--largest-rows", "100", "--repeat", "1"] if smoke else []
    if name == "bench_pdf":
        return ["--stations", "3", "--runs", "2"] if smoke else []
    if name == "bench_hostile_import":
        return ["--junk-rows", "500"] if smoke else []
    if name == "bench_flood":
        # At smoke size the tiny national data serves the flood: no SQLite to migrate and
        # seed (16 s of the suite's run); the full bench floods seed_demo's stations.
        return ["--redis-url", redis] + (
            ["--requests", "40", "--database-url", url] if smoke else []
        )
    return []


NATIONAL_DATA = ("bench_pages", "bench_export", "bench_load")
# The scripts that measure in one process on a SQLite file of their own.
EMBEDDED_SCRIPTS = ("bench_import", "bench_hostile_import", "bench_pdf")


def main(argv: list[str]) -> int:
    ours, passed = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run the scripts whose name holds one of these")
    parser.add_argument("--size", default=os.environ.get("SIZE", "national"))
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--reuse", action="store_true", help="keep national data of this size")
    parser.add_argument("--smoke", action="store_true", help="every script at a tiny size")
    parser.add_argument("--write", action="store_true", help="write the summary table too")
    args = parser.parse_args(ours)
    if args.smoke:
        args.size = str(SMOKE_STATIONS)

    from bench import national
    from bench.bench_pages import database_url, has_data

    scripts = sorted(BENCH.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if any(n in s.stem for n in args.names)]
    if not scripts:
        print(f"no bench script matches {args.names}", file=sys.stderr)
        return 2
    url = database_url(args.size)
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
    started_all = time.perf_counter()
    if any(s.stem in NATIONAL_DATA for s in scripts) and not (
        args.reuse and has_data(url, national.station_count(args.size))
    ):
        print(f"== national data: {national.station_count(args.size):,} stations", flush=True)
        began = time.perf_counter()
        national.generate(url, args.size, args.seed)
        load_seconds = time.perf_counter() - began
        print(f"national data loaded in {load_seconds:.0f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-rows-") as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        env = {**os.environ, rows.ROWS_ENV: str(rows_file), "SIZE": args.size}
        env["BENCH_DATABASE_URL"] = url
        env["BENCH_REDIS_URL"] = redis
        if any(s.stem in EMBEDDED_SCRIPTS for s in scripts):
            # One migrated SQLite file the in-process scripts copy (bench/embedded.py).
            template = embedded.make_template(Path(tmp) / "migrated.sqlite3")
            env[embedded.MIGRATED_ENV] = str(template)
        failures: list[rows.Row] = []
        for script in scripts:
            extra = script_args(script.stem, args.size, url, redis, args.smoke)
            command = [sys.executable, str(script), *extra, *passed]
            print(f"== {script.name} {' '.join(extra + passed)}", flush=True)
            before = len(rows.read(rows_file))
            began = time.perf_counter()
            done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603
            seconds = time.perf_counter() - began
            emitted = len(rows.read(rows_file)) - before
            if done.returncode or not emitted:
                failures.append(
                    rows.Row(
                        script=script.stem,
                        figure=f"the script ran ({seconds:.0f} s)",
                        value=float(done.returncode),
                        unit="exit",
                        target="exit 0 with at least one row",
                        met=False,
                        note=f"exit {done.returncode}, {emitted} rows",
                    )
                )
        measured = rows.read(rows_file)
    everything = measured + failures
    missed = [r for r in measured if r.met is False]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    heading = (
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M}, {national.station_count(args.size):,} "
        f"stations, {time.perf_counter() - started_all:.0f} s in all; load average {load} at the "
        f"end{' (smoke run: targets not judged)' if args.smoke else ''}."
    )
    lines = ["", heading, "", *rows.table(everything), ""]
    if args.smoke:
        verdict = "smoke run: every script ran" if not failures else "smoke run: a script failed"
    else:
        verdict = (
            f"{len(measured) - len(missed)} of {len(measured)} rows met"
            + (f"; NOT met: {', '.join(r.figure for r in missed)}" if missed else "")
            + (f"; scripts failed: {', '.join(r.script for r in failures)}" if failures else "")
        )
    lines.append(verdict)
    print("\n".join(lines))
    if (args.write or "--write" in passed) and not args.smoke:
        sections.write(
            START,
            END,
            "\n".join(["## Summary: every row of the last `make bench`", *lines]),
        )
        print("wrote the summary section of docs/BENCHMARKS.md")
    if failures:
        return 1
    return 0 if args.smoke or not missed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
