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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import national, sections  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench:pages:start -->", "<!-- bench:pages:end -->"
WORKERS = 2
SECRET = "bench-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
PAGE_TARGET_MS = 50.0
PAGE_TARGET_RATIO = 10.0
STATION_PAGE_RATIO = 2.0
NEAR_TARGET_MS = 50.0
GEOJSON_COLD_MS = 1000.0
# The quarter bench/national.py assesses and publishes.
RANKED = "{}Q{}".format(*national.QUARTERS[-1])
RANKED_PATH = "{}/q{}".format(*national.QUARTERS[-1])


@dataclass(frozen=True)
class Page:
    name: str
    label: str
    path: str
    user: str = ""  # a BENCH_USERS name, or anonymous
    target: str = "page"  # "page", "station", "search", "near", "geojson", "reference"
    expect: str = ""  # text the answer must contain (proves the right user and page)
    headers: tuple[tuple[str, str], ...] = ()  # sent with every request


def pages(last_registry_page: int) -> list[Page]:
    deep = min(500, last_registry_page)
    return [
        Page("trivial", "trivial view, anonymous", "/bench/trivial/", target="reference"),
        Page(
            "trivial_staff",
            "trivial view, logged in",
            "/bench/trivial/",
            "bench_aid",
            "reference",
            "ok True",
        ),
        Page("station", "public station page", "/stations/SH00001/", target="station"),
        Page("public_home", "public home", "/"),
        Page("aid_home", "aid-center home", "/staff/", "bench_aid"),
        Page("clerk_home", "clerk home (union staff)", "/staff/", "bench_clerk"),
        Page("filing_list", "filing list (aid center)", "/staff/filings/", "bench_aid"),
        Page(
            "registry_deep",
            f"registry, page {deep}",
            f"/staff/stations/?page={deep}",
            "bench_aid",
        ),
        Page(
            "registry_search",
            "registry search 漕溪",
            f"/staff/stations/?q={quote('漕溪')}",
            "bench_aid",
            "search",
        ),
        Page(
            "registry_search_3",
            "registry search 徐家汇",
            f"/staff/stations/?q={quote('徐家汇')}",
            "bench_aid",
            "search",
        ),
        Page(
            "registry_search_4",
            "registry search 漕溪北路",
            f"/staff/stations/?q={quote('漕溪北路')}",
            "bench_aid",
            "search",
        ),
        Page(
            "directory",
            "directory (first page, no filter)",
            "/stations/",
        ),
        Page(
            "near",
            "directory near= (nearest first)",
            "/stations/?near=31.2317,121.4846",
            target="near",
        ),
        Page(
            "geojson",
            "open data GeoJSON, every public station (gzip, as browsers ask)",
            "/api/v1/stations.geojson",
            target="geojson",
            headers=(("Accept-Encoding", "gzip"),),
        ),
        Page("rankings", f"rankings {RANKED}", f"/rankings/{RANKED_PATH}/"),
        Page(
            "rankings_district",
            f"rankings {RANKED}, one district, page 2",
            f"/rankings/{RANKED_PATH}/?district={quote('徐汇区')}&page=2",
        ),
        Page("checks", "check list (aid center)", "/staff/inspections/checks/", "bench_aid"),
        Page("orders", "rectification orders", "/staff/inspections/orders/", "bench_aid"),
        Page("feedback", "feedback moderation", "/staff/feedback/", "bench_aid"),
        Page("today", "inspector's today page", "/staff/inspections/today/", "bench_inspector"),
    ]


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
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4"),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "DJANGO_DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }


def has_data(url: str, stations: int) -> bool:
    import psycopg2

    try:
        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM stations_station")
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


def fetch(url: str, cookie: str, timeout: float, headers: tuple = ()) -> tuple[int, bytes, float]:
    # Only ever http://127.0.0.1 (the gunicorn this script started).
    sent = dict(headers) | ({"Cookie": cookie} if cookie else {})
    request = urllib.request.Request(url, headers=sent)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
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


def measure(page: Page, base: str, cookies: dict[str, str], seconds: float) -> dict:
    cookie = f"sessionid={cookies[page.user]}" if page.user else ""
    status, body, elapsed = fetch(base + page.path, cookie, 60, page.headers)
    result = {"status": status, "first_ms": elapsed * 1000, "bytes": len(body)}
    if status != 200:
        raise SystemExit(f"{page.label}: {base + page.path} answered {status}")
    if page.expect and page.expect.encode() not in body:
        raise SystemExit(f"{page.label}: the answer lacks {page.expect!r}")
    # Warm both workers' caches of templates, translations and the connection.
    for _ in range(4):
        fetch(base + page.path, cookie, 60, page.headers)
    result.update(wrk(base + page.path, cookie, seconds, page.headers))
    return result


def judge(page: Page, result: dict, reference: dict) -> tuple[str, float | None, bool | None]:
    """The target in words, the ratio to the reference, and whether the target is met.

    Issue 13's words: every page "under 10× the logged-in trivial view", public ones too;
    the QR code's landing page "under 2× the trivial view", the anonymous one it is."""
    median = result["median_ms"]
    if page.target == "reference":
        return "reference", None, None
    if page.target == "station":
        ref = reference.get("trivial")
        ratio = median / ref if ref else None
        ok = ratio is not None and ratio < STATION_PAGE_RATIO
        return f"< {STATION_PAGE_RATIO:g}× anonymous trivial", ratio, ok
    ref = reference.get("trivial_staff")
    ratio = median / ref if ref else None
    if page.target == "near":
        ok = median < NEAR_TARGET_MS
        return f"< {NEAR_TARGET_MS:g} ms (issue 12)", ratio, ok
    if page.target == "geojson":
        cold = result["first_ms"]
        ok = cold < GEOJSON_COLD_MS and median < PAGE_TARGET_MS
        return (
            f"cold {cold:.0f} ms: < {GEOJSON_COLD_MS:g} ms cold, then from the cache",
            ratio,
            ok,
        )
    ok = median < PAGE_TARGET_MS and (ratio is None or ratio < PAGE_TARGET_RATIO)
    return f"< {PAGE_TARGET_MS:g} ms, < {PAGE_TARGET_RATIO:g}× logged-in trivial", ratio, ok


def table(results: list[tuple[Page, dict]]) -> list[str]:
    reference = {p.name: r["median_ms"] for p, r in results if p.target == "reference"}
    lines = [
        "| page | median | target | × trivial | met |",
        "|---|---:|---|---:|---|",
    ]
    for page, result in results:
        target, ratio, ok = judge(page, result, reference)
        median = result["median_ms"]
        shown = f"{median / 1000:.1f} s" if median >= 1000 else f"{median:.1f} ms"
        lines.append(
            f"| {page.label} | {shown} | {target} | "
            f"{f'{ratio:.1f}' if ratio is not None else ''} | "
            f"{'' if ok is None else ('yes' if ok else '**no**')} |"
        )
    return lines


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


def server_versions(url: str) -> str:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    import gunicorn

    return f"PostgreSQL {pg.split()[0]}, gunicorn {gunicorn.__version__}, wrk {wrk_version}"


def report(
    args, stations: int, load_s: float | None, results, versions: str, built: dict | None
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
        "## Pages",
        "",
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()}, Linux; {versions}; load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} when it finished.",
        f"Command: `.venv/bin/python bench/bench_pages.py --size {args.size} --write`",
        "",
        f"{stations:,} stations ({load}: bench/national.py), gunicorn with {WORKERS} sync "
        "workers and production settings (bench/settings.py: DEBUG off, Redis cache), "
        f"wrk with one connection for {args.duration:g} s per page after 5 warm-up requests; "
        "the median is one request's latency. Staff pages are measured with a session of "
        "the aid center (the clerk home: a union's staff).",
        "",
        *table(results),
        *files,
        END,
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("SIZE", "small"))
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--reuse", action="store_true", help="keep a database of this size")
    parser.add_argument("--duration", type=float, default=5.0, help="wrk seconds per page")
    parser.add_argument("--only", nargs="*", default=[], help="page names to measure")
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn's worker timeout")
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs it (Debian package wrk)")

    url = database_url(args.size)
    stations = national.station_count(args.size)
    load_s = None
    if not (args.reuse and has_data(url, stations)):
        started = time.perf_counter()
        national.generate(url, args.size, args.seed)
        load_s = time.perf_counter() - started
    env = server_env(url)
    built = None
    if not args.only or "geojson" in args.only:
        built = open_data_build(env)
        print(f"open data build: {built['seconds']:.1f} s, peak {built['peak_mb']:.0f} MB")
    cookies = sessions(env)
    port = free_port()
    server = start_gunicorn(env, port, args.timeout)
    base = f"http://127.0.0.1:{port}"
    results = []
    try:
        last_page = max(1, -(-int(stations * national.ACTIVE_SHARE) // 50))
        for page in pages(last_page):
            if args.only and page.name not in args.only and page.target != "reference":
                continue
            result = measure(page, base, cookies, args.duration)
            print(
                f"{page.label}: median {result['median_ms']:.1f} ms "
                f"({result['requests']} requests, {result['bad']} not 2xx/3xx)",
                flush=True,
            )
            results.append((page, result))
    finally:
        stop(server)
    text = report(args, stations, load_s, results, server_versions(url), built)
    if args.write:
        sections.write(START, END, text)
        print(f"wrote the pages section of {DOC.relative_to(ROOT)}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
