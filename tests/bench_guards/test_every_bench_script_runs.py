"""Every bench script runs, at a tiny size, and says what it measured (issue 26: make bench
ended in exit 1 on a fresh machine because one script had rotted unnoticed).

``bench/run.py --smoke`` loads a few dozen stations, times each page by three requests (wrk
for the reference views) and each job a few rows, and fails when a script fails or emits no
row of the one table; the targets mean nothing at this size and are not judged. It needs
PostgreSQL, Redis and wrk (``make test`` installs wrk with TEST_DEBS): a missing tool fails,
saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]
# The bench's own names: relay_bench_* and relay_assessment_* are dropped and made again.
DATABASE = "relay_bench_smoke"


def _server(url: str, path: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=path))


def test_every_bench_script_runs_at_a_tiny_size_and_emits_its_rows():
    if shutil.which("wrk") is None:
        pytest.fail("wrk is missing: `make bench-deps` (or `make test`) installs it (Debian: wrk)")
    database, redis = os.environ["DATABASE_URL"], os.environ["REDIS_URL"]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SIZE")
    }
    env.update(
        BENCH_DATABASE_URL=_server(database, f"/{DATABASE}"),
        BENCH_PG_URL=_server(database, ""),
        # The bench's own Redis database (it clears it), never the suite's.
        BENCH_REDIS_URL=os.environ.get("BENCH_REDIS_URL", _server(redis, "/4")),
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=2400,
        check=False,
    )
    report = done.stdout[-8000:] + done.stderr[-4000:]
    assert done.returncode == 0, report
    table = done.stdout[done.stdout.rindex("| script |") :]
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        assert f"| {script.stem} |" in table, f"{script.name} emitted no row:\n{report}"
    assert "smoke run: every script ran" in done.stdout
