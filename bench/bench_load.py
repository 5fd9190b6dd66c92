"""Load: throughput of the public pages under 32 connections, as a ratio to a trivial view.

    .venv/bin/python bench/bench_load.py [--duration 60] [--connections 32] [--workers 4]
                                         [--database-url URL] [--redis-url URL]
                                         [--only station|directory|rankings|taps ...] [--write]

Serves the portal with gunicorn (sync workers, as deploy/systemd/relay-web.service does)
and drives it with wrk (Debian package, `make bench` installs it) for ``--duration`` seconds
per page at ``--connections`` connections, one page after the other:

- a trivial view: a public view that answers "ok" through the same middleware stack (CSP,
  sessions, access rules), added by a bench-only URLconf: the ceiling for this server;
- the station page a plaque's QR code opens (``/stations/<plaque_no>/``);
- the public directory (``/stations/``);
- the rankings page, once it exists (issue 10): a 404 is reported as "not built yet";
- the "I used this station" tap (issue 12: 300 requests/s on 2 cores, no count lost): a POST
  with a CSRF token and no device cookie, so every request is a new phone and is counted;
  the limit per address is lifted for the run (every request comes from 127.0.0.1), and the
  station's count in the database before and after must grow by exactly the number of
  taps answered.

Data: without ``--database-url``, a throw-away SQLite database in a temporary directory,
migrated and filled by ``seed_demo`` (107 operating stations). With ``--database-url``
(e.g. the national-size PostgreSQL database the data generator in bench/ fills) the pages
are served from that database as it is; nothing is written to it.

Every request must answer 200: errors (non-2xx answers, socket errors, timeouts) are
counted and the row fails when there are any. Nothing is written into the repository unless
``--write`` is given: then the "Load" section of docs/BENCHMARKS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import rows, sections  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench:load:start -->", "<!-- bench:load:end -->"
NATIONAL_START = "<!-- bench:load-national:start -->"
NATIONAL_END = "<!-- bench:load-national:end -->"
TITLE = "## Load: public pages under 32 connections"
PY = Path(sys.executable)

# The bench-only settings and URLconf, written into the temporary directory: the portal's
# own URLs plus one trivial public view.
BENCH_SETTINGS = """
from config.settings.base import *  # noqa: F403
ROOT_URLCONF = "bench_load_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DEBUG = False
"""
BENCH_URLS = """
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal
from unions.access import access


@access(public=True)
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *portal]
"""


@dataclass
class Result:
    label: str
    path: str
    requests_per_s: float = 0.0
    requests: int = 0
    errors: int = 0
    latency_p50: str = ""
    latency_p99: str = ""
    missing: bool = False
    note: str = ""
    # The trivial view's throughput measured in slices alternating with this row's (a row
    # with a ratio target, ``alternated``), else 0: the row is compared with the first row.
    reference_per_s: float = 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(PY), "manage.py", *args], cwd=ROOT, env=env, check=True)


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def a_plaque_number(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup();"
        "from stations.models import Station;"
        "print(Station.objects.public().order_by('pk').values_list('plaque_number', flat=True)[0])"
    )
    out = subprocess.run(
        [str(PY), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def served_env(folder: Path, database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment a bench serves the portal in: the bench settings and URL files written
    into ``folder``, its database and Redis, production-like debug off; ``extra`` adds or
    overrides settings (bench_load lifts the tap limits, bench_flood trusts one proxy)."""
    (folder / "bench_load_settings.py").write_text(BENCH_SETTINGS)
    (folder / "bench_load_urls.py").write_text(BENCH_URLS)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_load_settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_DEBUG": "0",
        "DEBUG": "0",
        **extra,
    }


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    gunicorn = PY.with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--timeout", "60", "--log-level", "warning"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if status_of(f"http://127.0.0.1:{port}/bench/trivial") == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def parse_wrk(output: str) -> dict:
    def number(pattern: str, default: float = 0.0) -> float:
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    if socket_errors:
        errors += sum(int(g) for g in socket_errors.groups())
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    return {
        "requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
        "requests": int(number(r"(\d+) requests in")),
        "errors": errors,
        "p50": latency.get("50", ""),
        "p99": latency.get("99", ""),
    }


def run_wrk(url: str, duration: int, connections: int, script: str = "") -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: `make bench` installs it (Debian package wrk)")
    threads = min(2, connections)
    out = subprocess.run(
        # wrk gives up on a request after 2 s by default and counts it as an error; a
        # browser, and nginx (proxy_read_timeout 65 s), wait longer: slow is reported in the
        # latency columns, only real failures as errors.
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s"]
        + (["-s", script] if script else [])
        + ["--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(out)


# A POST with a CSRF token that matches its cookie (Django accepts the 32-character secret
# itself as the form's token) and no device cookie: each request is a phone seen first.
TAP_SCRIPT = """
wrk.method = "POST"
wrk.body = "csrfmiddlewaretoken=%(token)s"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=%(token)s"
"""
# A point drawn in central Shanghai for every request (wrk's Lua request hook).
NEAR_SCRIPT = """
math.randomseed(os.time())
request = function()
  local lat = 31.15 + math.random() * 0.15
  local lng = 121.38 + math.random() * 0.20
  return wrk.format("GET", string.format("/stations/?near=%.5f,%.5f", lat, lng))
end
"""
TAPS_TARGET = 300  # requests/s on 2 cores (issue 12)
# Throughput under load as a share of the trivial view's in the same run (issue 26): the QR
# code's landing page nearly as cheap as nothing, the directory a third of it.
RATIO_TARGETS = {"station page": 0.8, "directory": 0.3}
# A row with a ratio target is measured in ROUNDS slices, each between two slices of the
# trivial view half as long: this machine's speed moves by a quarter within a minute, and a
# row measured a minute after its reference (the method until 2026-12-07) read the minute as
# much as the page (docs/BENCHMARKS.md).
ROUNDS = 3
TAP_TOKEN = "benchtapbenchtapbenchtapbenchtap"  # noqa: S105 (32 letters, CSRF's own format)


def alternated(base: str, path: str, trivial: str, args, script: str = "") -> tuple[dict, float]:
    """The row's wrk figures over ROUNDS slices (the median slice's latencies) and the
    trivial view's requests/s over the slices around them."""
    rounds = max(1, min(ROUNDS, args.duration))
    page_s = max(1, round(args.duration / rounds))
    trivial_s = max(1, round(page_s / 2))
    parts, references = [], [run_wrk(base + trivial, trivial_s, args.connections)]
    for _ in range(rounds):
        parts.append(run_wrk(base + path, page_s, args.connections, script=script))
        references.append(run_wrk(base + trivial, trivial_s, args.connections))
    middle = sorted(parts, key=lambda part: part["requests_per_s"])[len(parts) // 2]
    requests = sum(part["requests"] for part in parts)
    found = {
        "requests_per_s": requests / (rounds * page_s),
        "requests": requests,
        "errors": sum(part["errors"] for part in parts),
        "p50": middle["p50"],
        "p99": middle["p99"],
    }
    reference = sum(r["requests"] for r in references) / (len(references) * trivial_s)
    return found, reference


def ratio_target(label: str) -> float | None:
    """The share of the trivial view's throughput a row must reach, if it has one."""
    if "new point" in label:
        return None
    return RATIO_TARGETS.get(label.split(",")[0])


def visits_of(env: dict[str, str], plaque: str) -> int:
    code = (
        "import django; django.setup();"
        "from django.db.models import Sum;"
        "from stations.models import StationVisitDay;"
        f"print(StationVisitDay.objects.filter(station__plaque_number='{plaque}')"
        ".aggregate(n=Sum('count'))['n'] or 0)"
    )
    out = subprocess.run(
        [str(PY), "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def measure_taps(env: dict[str, str], base: str, path: str, plaque: str, args) -> Result:
    """The tap under load; its errors include every tap answered but not counted."""
    result = Result(label="visit taps", path=path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(TAP_SCRIPT % {"token": TAP_TOKEN})
    before = visits_of(env, plaque)
    measured = run_wrk(base + path, args.duration, args.connections, script=script.name)
    Path(script.name).unlink()
    counted = visits_of(env, plaque) - before
    result.requests_per_s = measured["requests_per_s"]
    result.requests = measured["requests"]
    # wrk counts the answers it read; a tap still in flight when it stops may be counted
    # without being read, so only fewer counts than answers is a loss.
    lost = max(0, measured["requests"] - measured["errors"] - counted)
    result.errors = measured["errors"] + lost
    result.latency_p50, result.latency_p99 = measured["p50"], measured["p99"]
    result.note = f"{counted:,} counted, {lost} lost"
    print(
        f"visit taps: {result.requests_per_s:,.0f} req/s, {result.requests:,} answered, "
        f"{counted:,} counted, {measured['errors']} errors, p50 {result.latency_p50}",
        flush=True,
    )
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, Linux"


def report(args, data: str, results: list[Result], workers: int, load: tuple[float, float]) -> str:
    base = results[0].requests_per_s or 1.0
    command = "Command: `.venv/bin/python bench/bench_load.py"
    if args.duration != 60:
        command += f" --duration {args.duration}"
    if args.connections != 32:
        command += f" --connections {args.connections}"
    if args.database_url:
        command += " --database-url …"
    if args.redis_url:
        command += " --redis-url …"
    if args.rankings_path != "/rankings/":
        command += f" --rankings-path {args.rankings_path}"
    lines = [
        START,
        TITLE,
        "",
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()}.",
        command + " --write`",
        "",
        f"gunicorn, {workers} sync workers, DEBUG off, "
        f"{'a Redis cache' if args.redis_url else 'the embedded cache'} and no broker traffic; "
        f"wrk on the same machine, {args.connections} connections, {args.duration} s per page "
        "(request timeout 30 s), "
        f"one page after the other. Data: {data}. Load average of the machine before and "
        f"after the run: {load[0]:.1f} and {load[1]:.1f}"
        + (
            " (above 2 when it began: other work shared the cores and the absolute figures "
            "are low; the run's own wrk and workers raise the figure after)."
            if load[0] > 2
            else " (the run's own wrk and workers raise the figure after)."
        ),
        "",
        "A row with a ratio target is measured in "
        f"{ROUNDS} slices of {args.duration / ROUNDS:g} s, each between two slices of the "
        "trivial view half as long, and its ratio is to the trivial view's throughput in "
        "those slices; the other rows' ratio is to the first row's.",
        "",
        "| page | requests/s | ratio to trivial | requests | errors | p50 | p99 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.missing:
            lines.append(f"| {r.label} (`{r.path}`) | not built yet | | | | | |")
            continue
        lines.append(
            f"| {r.label} (`{r.path}`) | {r.requests_per_s:,.0f} "
            f"| {r.requests_per_s / (r.reference_per_s or base):.2f} "
            f"| {r.requests:,} | {r.errors}{f' ({r.note})' if r.note else ''} "
            f"| {r.latency_p50} | {r.latency_p99} |"
        )
    taps = next((r for r in results if r.label == "visit taps" and not r.missing), None)
    if taps is not None:
        met = taps.requests_per_s >= TAPS_TARGET and not taps.errors
        lines += [
            "",
            f"Visit taps: target {TAPS_TARGET} requests/s with no count lost: "
            f"**{'met' if met else 'not met'}** ({taps.requests_per_s:,.0f}/s, {taps.note}).",
        ]
    failed = [r.label for r in results if r.errors]
    lines += [
        "",
        "Errors: **none**." if not failed else f"Errors: **{', '.join(failed)}**.",
        "",
        textwrap.fill(
            "The trivial view goes through the same gunicorn and the whole middleware stack "
            "(sessions, CSP, access rules) and touches no table: the ratio is what the page's "
            "own queries and template cost. wrk shares the 2 cores with gunicorn, so the "
            "absolute figures are a floor for a web node of its own; the ratios travel better. "
            "National-size rows: rerun with --database-url pointing at the generated national "
            "database.",
            width=92,
            break_on_hyphens=False,
        ),
        END,
    ]
    return "\n".join(lines)


def emit_rows(args, results: list[Result]) -> None:
    base = results[0]
    data = "national data" if args.database_url else "demo data"
    reference = f"trivial view {base.requests_per_s:,.0f} req/s"
    for r in results:
        if r.missing:
            continue
        against = r.reference_per_s or base.requests_per_s
        ratio = r.requests_per_s / against if against else None
        if r is base:
            target, met, ratio = "reference, 0 errors", None, None
        elif r.label == "visit taps":
            target = f">= {TAPS_TARGET} req/s, no count lost, 0 errors"
            met = r.requests_per_s >= TAPS_TARGET and not r.errors
        elif (want := ratio_target(r.label)) is not None:
            target = f">= {want:g}× the trivial view's throughput, 0 errors"
            met = ratio is not None and ratio >= want and not r.errors
        else:
            target, met = "0 errors", not r.errors
        rows.emit(
            rows.Row(
                script="bench_load",
                figure=f"{r.label} (`{r.path}`) under {args.connections} connections, {data}",
                value=r.requests_per_s,
                unit="req/s",
                target=target,
                met=met if r is not base else (None if not r.errors else False),
                reference=""
                if r is base
                else (
                    f"trivial view {r.reference_per_s:,.0f} req/s, alternated with it"
                    if r.reference_per_s
                    else reference
                ),
                ratio=ratio,
                note=f"{r.errors} errors, p50 {r.latency_p50}" + (f", {r.note}" if r.note else ""),
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--database-url", default="", help="serve this database as it is")
    parser.add_argument("--rankings-path", default="/rankings/")
    parser.add_argument(
        "--redis-url",
        default="",
        help="the cache (and the tap limits) in this Redis instead of each worker's memory",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        choices=["station", "directory", "rankings", "taps"],
        help="measure only these besides the trivial view (not with --write)",
    )
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = parser.parse_args()
    if args.only and args.write:
        parser.error("--write needs every row: leave out --only")

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        env = served_env(
            folder,
            args.database_url or f"sqlite:///{folder / 'load.sqlite3'}",
            args.redis_url,
            # Every tap comes from 127.0.0.1 to one station: the per-address, per-network
            # and per-station limits would refuse all but a few; the bench measures the
            # counting, not the refusal (bench_flood.py measures that).
            **{
                f"VISITS_PER_{what}": "1000000000"
                for what in (
                    "ADDRESS_PER_HOUR",
                    "ADDRESS_PER_STATION_PER_DAY",
                    "NETWORK_PER_HOUR",
                    "NETWORK_PER_STATION_PER_DAY",
                    "STATION_PER_HOUR",
                )
            },
            CONN_MAX_AGE="60",
        )
        if args.database_url:
            data = "the database given with --database-url"
        else:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "seed_demo")
            data = "`seed_demo` (107 operating stations) in a temporary SQLite database"
        plaque = a_plaque_number(env)
        port = free_port()
        server = start_gunicorn(env, port, args.workers, folder / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        pages = [
            ("trivial", "trivial view", "/bench/trivial"),
            ("station", "station page", f"/stations/{plaque}/"),
            ("directory", "directory", "/stations/"),
            ("directory", "directory, one district", f"/stations/?district={quote('徐汇区')}"),
            ("directory", "directory, open now", "/stations/?open_now=1"),
            ("directory", "directory, near People's Square", "/stations/?near=31.2317,121.4846"),
            # Every request a new place (a Lua script draws it): no copy of the page is kept
            # for it, so this is the directory's own cost under load.
            ("directory", "directory, near a new point every request", "/stations/?near="),
            ("rankings", "rankings", args.rankings_path),
            ("taps", "visit taps", f"/stations/{plaque}/visit/"),
        ]
        if args.only:
            pages = [p for p in pages if p[0] == "trivial" or p[0] in args.only]
        results = []
        try:
            for _name, label, path in pages:
                if label == "visit taps":
                    results.append(measure_taps(env, base, path, plaque, args))
                    continue
                result = Result(label=label, path=path)
                status = status_of(base + path)
                if status == 404 and label == "rankings":
                    result.missing = True
                    results.append(result)
                    print(f"{label}: {path} answers 404 (not built yet)", flush=True)
                    continue
                if status != 200:
                    raise SystemExit(f"{path} answers {status}, not 200")
                script = ""
                if path.endswith("near="):
                    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
                        lua.write(NEAR_SCRIPT)
                    script = lua.name
                if ratio_target(label) is not None:
                    measured, result.reference_per_s = alternated(
                        base, path, pages[0][2], args, script
                    )
                else:
                    measured = run_wrk(base + path, args.duration, args.connections, script=script)
                if script:
                    Path(script).unlink()
                result.requests_per_s = measured["requests_per_s"]
                result.requests = measured["requests"]
                result.errors = measured["errors"]
                result.latency_p50, result.latency_p99 = measured["p50"], measured["p99"]
                results.append(result)
                print(
                    f"{label}: {result.requests_per_s:,.0f} req/s, {result.requests:,} requests,"
                    f" {result.errors} errors, p50 {result.latency_p50}, p99 {result.latency_p99}",
                    flush=True,
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    emit_rows(args, results)
    text = report(args, data, results, args.workers, (load_before, os.getloadavg()[0]))
    if args.write:
        if args.database_url:
            # The national rows are a section of their own beside the demo-sized one.
            text = text.replace(START, NATIONAL_START).replace(END, NATIONAL_END)
            text = text.replace(TITLE, TITLE + " (the database given: national size)")
            sections.write(NATIONAL_START, NATIONAL_END, text)
        else:
            sections.write(START, END, text)
        print(f"wrote the load section of {DOC.relative_to(ROOT)}")
    else:
        print(text)
    if any(r.errors for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
