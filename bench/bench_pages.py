"""Page medians under gunicorn at national size (targets: issue 13, README's table).

    .venv/bin/python bench/bench_pages.py [--size national|small|N] [--reuse] [--duration 5]
                                          [--only NAME ...] [--write]

1. Generates the bench database (bench/national.py; ``--reuse`` keeps one already made at
   this size) — PostgreSQL ``relay_bench_<size>`` unless BENCH_DATABASE_URL names another;
   the cache is Redis at BENCH_REDIS_URL (default db 4).
2. Starts gunicorn (2 sync workers, bench/settings.py: production's settings on that
   database, DEBUG off) and makes one session per role by logging the bench users in.
3. Measures each page with wrk (one connection, so the median is one request's latency, not
   a queue's), after checking the page answers 200 with the expected user. The registry
   export is a background job, not a page: bench/bench_export.py times it.

Prints one table: page, median, target, ratio to the trivial view measured in the same run
(issue 13: every page against the logged-in trivial view, the public station page against
the anonymous one). ``--write`` replaces the "Pages" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cache_off, national, rows, sections, urlmap  # noqa: E402
from bench.urlmap import Page  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench:pages:start -->", "<!-- bench:pages:end -->"
WORKERS = 2
SECRET = "bench-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PAGE_TARGET_MS = 50.0
PAGE_TARGET_RATIO = 10.0
STATION_PAGE_RATIO = 2.0
NEAR_TARGET_MS = 50.0
GEOJSON_COLD_MS = 1000.0
# A page whose first answer takes longer than this is not handed to wrk (a 30 s page would
# time out its workers): its median is that of three plain requests.
SLOW_FIRST_MS = 2000.0
VERY_SLOW_MS = 10_000.0
# Each row is held to its trivial view measured right before it and right after it, on the
# same server, REFERENCE_SECONDS of wrk each: the mean of the two. A run takes half an hour,
# and this machine's speed moves by a third within minutes (docs/BENCHMARKS.md): a reference
# measured once every 90 s (the method until 2026-12-07) judged a row measured in a slow
# minute against a fast one, and the other way round. Consecutive rows of the same kind share
# the measurement between them.
REFERENCE_SECONDS = 1.0


def pages() -> list[Page]:
    """The reference views, then a row for every URL pattern (bench/urlmap.py)."""
    return [*urlmap.REFERENCES, *urlmap.PAGES, *urlmap.WITHOUT_CACHES]


# --- Set-up ---------------------------------------------------------------------------------


def database_url(size: str) -> str:
    return os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/relay_bench_{size}"
    )


def server_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(national.media_root(url)),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "DJANGO_DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }


def has_data(url: str, stations: int) -> bool:
    """Whether bench/national.py loaded this database at this size: its stations are ids 1
    to ``stations`` (written with their ids). The records it adds after them (a draft filing
    of the clerk's union at a few dozen stations: bench/national_records.py) come after and
    are not counted, or a small database was loaded afresh by every script told to reuse it."""
    import psycopg2

    try:
        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM stations_station WHERE id <= %s", [stations])
            return cursor.fetchone()[0] == stations
    except psycopg2.Error:
        return False


def sessions(env: dict[str, str]) -> dict[str, str]:
    """A session cookie per bench user, made by logging in as Django's test client does."""
    code = (
        "import django, json; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.core.cache import cache\n"
        "from django.test import Client\n"
        "from bench.national import BENCH_USERS\n"
        "cache.clear()\n"
        "out = {}\n"
        "for name in BENCH_USERS:\n"
        "    c = Client()\n"
        "    c.force_login(get_user_model().objects.get(username=name))\n"
        "    out[name] = c.cookies['sessionid'].value\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


def open_data_build(env: dict[str, str]) -> dict:
    """The open-data files built as the worker's job builds them (stations.open_data), timed,
    with the process's peak memory; then the cache's version token dropped, so that the
    GeoJSON's first request is a cold one (as after a restart of Redis): a new version, no
    file of its own yet, the files just built served while its build waits for a worker."""
    code = (
        "import django, json, resource, time; django.setup()\n"
        "from stations import open_data\n"
        "from stations.tasks import open_data_build_task\n"
        "open_data.forget_version()\n"
        "started = time.perf_counter()\n"
        "version = open_data_build_task()\n"
        "seconds = time.perf_counter() - started\n"
        "sizes = {k: open_data.file_of(version, k).stat().st_size for k in open_data.KINDS}\n"
        "packed = open_data.gzip_copy(open_data.file_of(version, 'geojson'))\n"
        "open_data.forget_version()\n"
        "print(json.dumps({'seconds': seconds, 'sizes': sizes, 'geojson_gz': "
        "packed.stat().st_size, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss "
        "/ 1024}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def server_groups(
    chosen: list[Page], smoke: bool
) -> list[tuple[tuple[str, ...], list[tuple[int, Page]]]]:
    """The rows by the caches they turn off, the plain rows (and the references) first. In a
    smoke run every row with caches off shares one server with all of them off: it checks
    that the rows answer, not what each cache saves, and each server costs a start."""
    groups: dict[tuple[str, ...], list[tuple[int, Page]]] = {(): []}
    every_off = tuple(dict.fromkeys(name for page in chosen for name in page.caches_off))
    for index, page in enumerate(chosen):
        names = every_off if smoke and page.caches_off else page.caches_off
        groups.setdefault(names, []).append((index, page))
    return [(names, group) for names, group in groups.items() if group]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, timeout: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            str(timeout),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=10)
            return server
        except OSError:  # refused while booting, or a timeout
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not answer")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


# --- Measuring ------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer measured, not a step to the next page


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, cookie: str, timeout: float, headers: tuple = ()) -> tuple[int, bytes, float]:
    # Only ever http://127.0.0.1 (the gunicorn this script started).
    sent = dict(headers) | ({"Cookie": cookie} if cookie else {})
    request = urllib.request.Request(url, headers=sent)  # noqa: S310
    started = time.perf_counter()
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            body = answer.read()
            return answer.status, body, time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), time.perf_counter() - started
    except OSError as exc:  # refused, reset, timed out
        return 0, str(exc).encode(), time.perf_counter() - started


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url: str, cookie: str, seconds: float, headers: tuple = ()) -> dict:
    cmd = ["wrk", "-t1", "-c1", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "60s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    for name, value in headers:
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    p90 = re.search(r"^\s+90%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    requests = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "median_ms": float(found.group(1)) * _UNITS[found.group(2)],
        "p90_ms": float(p90.group(1)) * _UNITS[p90.group(2)],
        "requests": int(requests.group(1)),
        "bad": int(bad.group(1)) if bad else 0,
    }


def measure(page: Page, url: str, cookies: dict[str, str], seconds: float) -> dict:
    """The first answer (its status, size and time), then the median of wrk's requests; a
    page slower than SLOW_FIRST_MS is timed by two more plain requests instead."""
    cookie = f"sessionid={cookies[page.user]}" if page.user else ""
    status, body, elapsed = fetch(url, cookie, 120, page.headers)
    result = {"status": status, "first_ms": elapsed * 1000, "bytes": len(body), "error": ""}
    if status != page.status:
        result["error"] = f"answered {status}, not {page.status}: {body[:200]!r}"
        return result
    if page.expect and page.expect.encode() not in body:
        result["error"] = f"the answer lacks {page.expect!r}"
        return result
    if result["first_ms"] > VERY_SLOW_MS:  # one answer says enough, and costs enough
        result.update(median_ms=result["first_ms"], requests=1, bad=0, p90_ms=result["first_ms"])
        return result
    # A page slower than SLOW_FIRST_MS, or any but the reference views in a smoke run
    # (``--duration 0``: the suite's check that every row still answers, issue 22), is timed
    # by two more plain requests; wrk's second per page was half the suite's services pass.
    if result["first_ms"] > SLOW_FIRST_MS or (seconds <= 0 and page.target != "reference"):
        times = [elapsed] + [fetch(url, cookie, 120, page.headers)[2] for _ in range(2)]
        result.update(
            median_ms=sorted(times)[1] * 1000, requests=3, bad=0, p90_ms=max(times) * 1000
        )
        return result
    # Warm both workers' caches of templates, translations and the connection (a smoke run's
    # second of wrk warms them itself).
    for _ in range(4 if seconds >= 2 else 1):
        fetch(url, cookie, 60, page.headers)
    result.update(wrk(url, cookie, max(seconds, 1), page.headers))
    return result


def _reference_name(page: Page) -> str:
    return "trivial" if page.public else "trivial_staff"


def around(before: float | None, after: float | None) -> dict:
    """A row's reference: the mean of the trivial view's medians right before and after it."""
    found = [ms for ms in (before, after) if ms is not None]
    return {"ms": sum(found) / len(found), "before": before, "after": after} if found else {}


def measure_group(
    group: list[tuple[int, Page]],
    references: dict[str, Page],
    base: str,
    values: dict,
    cookies: dict[str, str],
    duration: float,
    taken: list[dict[str, float]],
    timer=None,
) -> dict[int, dict]:
    """The rows of one server, each between two measurements of its trivial view
    (REFERENCE_SECONDS); ``timer`` is ``measure`` unless a test names another."""
    timer = timer or measure
    measured: dict[int, dict] = {}

    def reference_now(kind: str) -> float | None:
        result = timer(
            references[kind], base + references[kind].path_with(values), cookies, REFERENCE_SECONDS
        )
        if result["error"]:
            return None
        taken.append({kind: result["median_ms"]})
        return result["median_ms"]

    # The trivial view measured right after the last row, by kind: the next row of the same
    # kind is measured right after it, so that measurement is its "before" too.
    fresh: dict[str, float | None] = {}
    for index, page in group:
        kind = _reference_name(page)
        sandwiched = page.target != "reference" and duration > 0 and kind in references
        if sandwiched and kind not in fresh:
            fresh = {kind: reference_now(kind)}
        result = timer(page, base + page.path_with(values), cookies, duration)
        if page.target == "reference" and not result["error"]:
            taken.append({kind: result["median_ms"]})
        if sandwiched:
            after = reference_now(kind)
            result["around"] = around(fresh[kind], after)
            if result["around"]:
                result["reference"] = {kind: result["around"]["ms"]}
            fresh = {kind: after}
        print(
            f"{label_of(page, values)} [{page.url}]: "
            + (
                f"median {result['median_ms']:.1f} ms, {_size(result['bytes'])}"
                if not result["error"]
                else result["error"]
            ),
            flush=True,
        )
        measured[index] = result
    return measured


def judge(page: Page, result: dict, reference: dict) -> tuple[str, float | None, bool | None, str]:
    """``_judge``'s verdict; a row with named caches off that is not judged says whether the
    page would meet its target without them, which is whether they earn their place."""
    target, ratio, ok, ref_words = _judge(page, result, reference)
    if not page.caches_off or page.judged or result.get("error"):
        return target, ratio, ok, ref_words
    names = ", ".join(page.caches_off)
    verdict = "meets" if ok else "misses"
    return f"not judged: without {names} it {verdict} {target}", ratio, None, ref_words


def _judge(page: Page, result: dict, reference: dict) -> tuple[str, float | None, bool | None, str]:
    """The target in words, the ratio to the reference, whether it is met, and the
    reference's name.

    Issue 26: a public page is held to the anonymous trivial view, a staff page to the
    logged-in one; every page under 50 ms and 10× its trivial view; the QR code's landing
    page under 2× the anonymous trivial view; no HTML answer over a megabyte."""
    if page.target == "reference":
        return "reference", None, None, ""
    if result.get("error"):
        return result["error"], None, False, ""
    median = result["median_ms"]
    name = "trivial" if page.public else "trivial_staff"
    ref = reference.get(name)
    ratio = median / ref if ref else None
    ref_words = f"{'anonymous' if page.public else 'logged-in'} trivial {ref:.1f} ms" if ref else ""
    if ref and (pair := result.get("around")) and None not in (pair["before"], pair["after"]):
        ref_words += f" ({pair['before']:.1f} before, {pair['after']:.1f} after)"
    size_ok = page.max_bytes is None or result["bytes"] <= page.max_bytes
    size_words = "" if page.max_bytes is None else f", ≤ {page.max_bytes / 1e6:g} MB"
    if page.target == "station":
        ok = ratio is not None and ratio < STATION_PAGE_RATIO and size_ok
        return f"< {STATION_PAGE_RATIO:g}× anonymous trivial{size_words}", ratio, ok, ref_words
    if page.target == "near":
        ok = median < NEAR_TARGET_MS and size_ok
        return f"< {NEAR_TARGET_MS:g} ms{size_words}", ratio, ok, ref_words
    if page.target == "geojson":
        cold = result["first_ms"]
        ok = cold < GEOJSON_COLD_MS and median < PAGE_TARGET_MS
        return f"cold {cold:.0f} ms < {GEOJSON_COLD_MS:g} ms, then < 50 ms", ratio, ok, ref_words
    if page.target == "file":
        # A download's time is its file's size over the wire: under 50 ms is the target.
        ok = median < PAGE_TARGET_MS
        return f"< {PAGE_TARGET_MS:g} ms", ratio, ok, ref_words
    ok = median < PAGE_TARGET_MS and ratio is not None and ratio < PAGE_TARGET_RATIO and size_ok
    kind = "anonymous" if page.public else "logged-in"
    target = f"< {PAGE_TARGET_MS:g} ms, < {PAGE_TARGET_RATIO:g}× {kind} trivial{size_words}"
    return target, ratio, ok, ref_words


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def label_of(page: Page, values: dict) -> str:
    return page.label.format(**values)


def first_reference(results: list[tuple[Page, dict]]) -> dict[str, float]:
    """The trivial views' medians as first measured (the reference rows of the table)."""
    return {
        ("trivial" if p.public else "trivial_staff"): r["median_ms"]
        for p, r in results
        if p.target == "reference" and "median_ms" in r
    }


def reference_of(result: dict, first: dict[str, float]) -> dict[str, float]:
    """The trivial view measured around this row (``around``), else as first measured (a
    smoke run's rows)."""
    return result.get("reference") or first


def table(results: list[tuple[Page, dict]], values: dict) -> list[str]:
    first = first_reference(results)
    lines = [
        "| URL | page | user | first | median | size | target | × trivial | met |",
        "|---|---|---|---:|---:|---:|---|---:|---|",
    ]
    for page, result in results:
        target, ratio, ok, _ref = judge(page, result, reference_of(result, first))
        median = result.get("median_ms")
        shown = "" if median is None else rows.shown(median, "ms")
        lines.append(
            f"| {page.url} | {label_of(page, values)} | {page.user.removeprefix('bench_') or '—'} "
            f"| {rows.shown(result['first_ms'], 'ms')} | {shown} | {_size(result['bytes'])} "
            f"| {target} | {f'{ratio:.1f}' if ratio is not None else ''} "
            f"| {'' if ok is None else ('yes' if ok else '**no**')} |"
        )
    return lines


def emit_rows(results: list[tuple[Page, dict]], values: dict) -> None:
    first = first_reference(results)
    for page, result in results:
        target, ratio, ok, ref_words = judge(page, result, reference_of(result, first))
        user = page.user.removeprefix("bench_") or "anonymous"
        rows.emit(
            rows.Row(
                script="bench_pages",
                figure=f"{label_of(page, values)} [{page.url or 'reference'}, {user}]",
                value=result.get("median_ms") or 0.0,
                unit="ms",
                target=target,
                met=ok,
                reference=ref_words,
                ratio=ratio,
                note=f"{_size(result['bytes'])}, first {rows.shown(result['first_ms'], 'ms')}",
            )
        )


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model or platform.processor()}, Python {platform.python_version()}"


def cpu_ticks() -> tuple[int, int]:
    """(steal, total) CPU ticks since boot, from /proc/stat: the time the host gave this
    machine's cores to another guest is the steal column; (0, 0) where there is none."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:9]
    except (OSError, IndexError):
        return 0, 0
    ticks = [int(x) for x in fields]
    return (ticks[7] if len(ticks) > 7 else 0), sum(ticks)


def steal_words(before: tuple[int, int], after: tuple[int, int]) -> str:
    """The share of the run's CPU time the host took (a shared machine's slow minutes)."""
    total = after[1] - before[1]
    if total <= 0:
        return ""
    return f" The host took {100 * (after[0] - before[0]) / total:.1f}% of the cores' time during the run (steal, /proc/stat)."


def server_versions(url: str) -> str:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    import gunicorn

    return f"PostgreSQL {pg.split()[0]}, gunicorn {gunicorn.__version__}, wrk {wrk_version}"


def facts(env: dict[str, str]) -> dict:
    """bench/facts.py's values, read in a child process on the bench database."""
    code = "import django, json; django.setup()\nfrom bench.facts import collect\nprint(json.dumps(collect()))\n"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def references_words(taken: list[dict[str, float]]) -> str:
    """How the trivial views moved through the run, in words."""
    if len(taken) < 2:
        return ""
    spread = []
    for name, words in (("trivial_staff", "logged in"), ("trivial", "anonymous")):
        found = sorted(t[name] for t in taken if name in t)
        if found:
            spread.append(f"{words} {found[0]:.1f}–{found[-1]:.1f} ms")
    return (
        f" The trivial views were measured {len(taken)} times through the run (right before "
        f"and right after each row, on its server, {REFERENCE_SECONDS:g} s of wrk each: "
        f"{', '.join(spread)}); each row's ratio is to the mean of the two measurements "
        "around it."
    )


def report(
    args,
    stations: int,
    load_s: float | None,
    results,
    versions: str,
    built: dict | None,
    values,
    taken: list[dict[str, float]] | None = None,
    steal: str = "",
) -> str:
    load = f"generated and loaded in {load_s:.0f} s" if load_s else "reused"
    files = []
    if built:
        mb = {kind: size / 1e6 for kind, size in built["sizes"].items()}
        files = [
            "",
            f"The open-data files, built before the pages as the worker's job builds them "
            f"(`stations.open_data_build`: JSON, GeoJSON and CSV with their gzip copies, one "
            f"pass over the stations): {built['seconds']:.1f} s, peak memory "
            f"{built['peak_mb']:.0f} MB; GeoJSON {mb['geojson']:.0f} MB "
            f"({built['geojson_gz'] / 1e6:.1f} MB compressed), JSON {mb['json']:.0f} MB, "
            f"CSV {mb['csv']:.0f} MB. The GeoJSON's cold request comes after the cache's "
            "version token is dropped (as after a restart of Redis): it is served from the "
            "files on disk while its own version's build waits for a worker.",
        ]
    lines = [
        START,
        "## Pages: every URL pattern",
        "",
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()}, Linux; {versions}; load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} when it finished.",
        f"Command: `.venv/bin/python bench/bench_pages.py --size {args.size} --write`",
        "",
        f"{stations:,} stations ({load}: bench/national.py and bench/national_records.py), "
        f"gunicorn with {WORKERS} sync workers and production settings (bench/settings.py: "
        f"DEBUG off, Redis cache), wrk with one connection for {args.duration:g} s per page "
        "after 5 warm-up requests (a page whose first answer takes over 2 s: three plain "
        "requests; over 10 s: that answer alone); the median is one request's latency. A row per URL pattern of "
        "bench/urlmap.py, each with its heaviest realistic parameters (the widest role, the "
        "busiest record, a deep page, each filter); size is the answer's body as sent. "
        f"The busiest station is #{values.get('busy_station')} ({values.get('busy_plaque')})."
        + references_words(taken or [])
        + steal,
        "",
        *table(results, values),
        *files,
        END,
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("SIZE", "small"))
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--reuse", action="store_true", help="keep a database of this size")
    parser.add_argument(
        "--duration",
        type=float,
        default=5.0,
        help="wrk seconds per page; 0 (a smoke run): wrk for the reference views only",
    )
    parser.add_argument(
        "--only", nargs="*", default=[], help="rows whose URL name or label holds one of these"
    )
    # Longer than production's 60 s: a page that takes a minute is measured, not killed.
    parser.add_argument("--timeout", type=int, default=120, help="gunicorn's worker timeout")
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench-deps` installs it (Debian package wrk)")

    url = database_url(args.size)
    stations = national.station_count(args.size)
    load_s = None
    if not (args.reuse and has_data(url, stations)):
        started = time.perf_counter()
        national.generate(url, args.size, args.seed)
        load_s = time.perf_counter() - started
    env = server_env(url)
    values = facts(env)
    chosen = [
        p
        for p in pages()
        if not args.only
        or p.target == "reference"
        or any(term == p.url or term in p.label for term in args.only)
    ]
    built = None
    if any(p.target == "geojson" for p in chosen):
        built = open_data_build(env)
        print(f"open data build: {built['seconds']:.1f} s, peak {built['peak_mb']:.0f} MB")
    cookies = sessions(env)
    ticks = cpu_ticks()
    measured: dict[int, dict] = {}
    # The trivial view each kind of row is held to (anonymous or logged in).
    references = {_reference_name(p): p for p in chosen if p.target == "reference"}
    taken: list[dict[str, float]] = []  # each measurement of the trivial views
    for names, group in server_groups(chosen, smoke=args.duration <= 0):
        # Each set of caches turned off has a gunicorn of its own (bench/cache_off.py).
        port = free_port()
        server = start_gunicorn({**env, cache_off.OFF_ENV: ",".join(names)}, port, args.timeout)
        base = f"http://127.0.0.1:{port}"
        try:
            measured.update(
                measure_group(group, references, base, values, cookies, args.duration, taken)
            )
        finally:
            stop(server)
    results = [(page, measured[index]) for index, page in enumerate(chosen)]
    emit_rows(results, values)
    steal = steal_words(ticks, cpu_ticks())
    text = report(
        args, stations, load_s, results, server_versions(url), built, values, taken, steal
    )
    if args.write:
        sections.write(START, END, text)
        print(f"wrote the pages section of {DOC.relative_to(ROOT)}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
