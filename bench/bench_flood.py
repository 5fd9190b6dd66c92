"""Flood: what gets through when one station is flooded with ratings and visit taps.

    .venv/bin/python bench/bench_flood.py [--requests 200] [--threads 8] [--workers 2]
                                          [--redis-url URL] [--database-url URL] [--write]

Serves the portal with gunicorn behind one (pretended) trusted proxy, ``TRUSTED_PROXY_COUNT
= 1``: every request names its client in ``X-Forwarded-For`` as nginx would, and carries no
device cookie (the attacker drops it every time). Each scenario floods a station of its own
with ``--requests`` one-star ratings and as many "I used this station" taps, from:

- one address;
- ten addresses of one IPv4 /24;
- an IPv6 client rotating through its /64 (a new address every request);
- a new IPv4 /24 every request (a botnet, or a pool of proxies): no per-source limit binds,
  only the station's own ceilings do.

It reports, per scenario, the ratings counted (visible), held for moderation and refused,
and the taps counted, read back from the database, with the limits in force (the portal's
defaults unless the environment sets them). ``--requests 20`` is the tiny size.

The limits are counted in the cache: with ``--redis-url`` (or ``BENCH_REDIS_URL``, e.g.
``redis://127.0.0.1:6379/4``, flushed first) in Redis, shared by ``--workers`` gunicorn
workers as in production; without it in the one worker's memory (``--workers`` is then 1). Data: without ``--database-url`` a
throw-away SQLite database filled by ``seed_demo``; the flooded stations are public ones
with no feedback today. Nothing is written into the repository unless ``--write`` is given:
then the "Flood" section of docs/BENCHMARKS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import rows, sections  # noqa: E402
from bench.bench_load import (  # noqa: E402
    PY,
    free_port,
    machine,
    manage,
    served_env,
    start_gunicorn,
)

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench:flood:start -->", "<!-- bench:flood:end -->"
TITLE = "## Flood: one station's ratings and taps from many addresses"
TOKEN = "benchfloodbenchfloodbenchfloodbe"  # noqa: S105 (32 letters, CSRF's own format)
# The limits the report states, read from the served settings.
LIMITS = (
    "FEEDBACK_PER_ADDRESS_PER_HOUR",
    "FEEDBACK_PER_ADDRESS_PER_STATION_PER_DAY",
    "FEEDBACK_PER_NETWORK_PER_HOUR",
    "FEEDBACK_PER_NETWORK_PER_STATION_PER_DAY",
    "FEEDBACK_PER_STATION_PER_DAY",
    "FEEDBACK_HOLD_PER_STATION_PER_HOUR",
    "FEEDBACK_HOLD_PER_STATION_PER_DAY",
    "VISITS_PER_ADDRESS_PER_HOUR",
    "VISITS_PER_ADDRESS_PER_STATION_PER_DAY",
    "VISITS_PER_NETWORK_PER_HOUR",
    "VISITS_PER_NETWORK_PER_STATION_PER_DAY",
    "VISITS_PER_STATION_PER_HOUR",
)


@dataclass
class Scenario:
    label: str
    addresses: object  # n -> the n-th request's client address

    plaque: str = ""
    sent: int = 0
    accepted: int = 0  # ratings answered 200
    refused: int = 0  # ratings answered 429
    errors: int = 0  # anything else (a 500, a socket error)
    counted: int = 0
    held: int = 0
    taps_sent: int = 0
    taps_counted: int = 0
    seconds: float = 0.0


SCENARIOS = [
    Scenario("one address", lambda n: "198.51.100.7"),
    Scenario("10 addresses of one /24", lambda n: f"203.0.113.{n % 10 + 1}"),
    Scenario("one IPv6 /64, a new address each time", lambda n: f"2001:db8:f100:1::{n + 1:x}"),
    Scenario("a new /24 each time", lambda n: f"10.{n // 250 % 250}.{n % 250}.9"),
]


def django(env: dict[str, str], code: str) -> str:
    """Run ``code`` with Django set up in the served settings; its last printed line."""
    out = subprocess.run(
        [str(PY), "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def quiet_stations(env: dict[str, str], n: int) -> list[str]:
    """``n`` public stations with no feedback today: a flood's ceilings start from zero."""
    code = (
        "import datetime as dt\nfrom django.utils import timezone\n"
        "from stations.models import Station\n"
        "midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))\n"
        "rows = Station.objects.public().exclude(feedback__created_at__gte=midnight)\n"
        f"print(','.join(rows.order_by('pk').values_list('plaque_number', flat=True)[:{n}]))"
    )
    plaques = django(env, code).split(",")
    if len(plaques) < n:
        raise SystemExit(f"only {len(plaques)} public stations without feedback; {n} needed")
    return plaques


def outcome(env: dict[str, str], plaque: str) -> tuple[int, int, int]:
    """The station's visible and held ratings and its taps, from the database (the flood's
    are the difference before and after it: the demo data has rated and visited it before)."""
    code = (
        "from django.db.models import Sum\n"
        "from stations.models import Feedback, StationVisitDay\n"
        f"rows = Feedback.objects.filter(station__plaque_number='{plaque}')\n"
        "taps = StationVisitDay.objects.filter(station__plaque_number="
        f"'{plaque}').aggregate(n=Sum('count'))['n'] or 0\n"
        "print(rows.filter(status='visible').count(), rows.filter(status='held').count(), taps)"
    )
    visible, held, taps = django(env, code).split()
    return int(visible), int(held), int(taps)


def limits(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{k: getattr(settings, k) for k in {LIMITS!r}}}))"
    )
    return json.loads(django(env, code))


def post(port: int, path: str, address: str, body: str) -> int:
    """One POST as a phone without a device cookie, forwarded by the trusted proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={TOKEN}",
                "X-Forwarded-For": address,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def flood(port: int, scenario: Scenario, requests: int, threads: int) -> None:
    rate = f"/stations/{scenario.plaque}/feedback/"
    tap = f"/stations/{scenario.plaque}/visit/"
    body = f"csrfmiddlewaretoken={TOKEN}&rating=1&comment=flood"
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        answers = list(
            pool.map(lambda n: post(port, rate, scenario.addresses(n), body), range(requests))
        )
        taps = list(
            pool.map(
                lambda n: post(port, tap, scenario.addresses(n), f"csrfmiddlewaretoken={TOKEN}"),
                range(requests),
            )
        )
    scenario.seconds = time.perf_counter() - started
    scenario.sent = scenario.taps_sent = requests
    scenario.accepted = answers.count(200)
    scenario.refused = answers.count(429)
    # A tap answers with a redirect to the station page, counted or not.
    scenario.errors = len(answers) - scenario.accepted - scenario.refused
    scenario.errors += len(taps) - taps.count(302)


def report(args, data: str, results: list[Scenario], served: dict[str, int], load) -> str:
    command = "Command: `.venv/bin/python bench/bench_flood.py"
    if args.requests != 200:
        command += f" --requests {args.requests}"
    if args.redis_url:
        command += " --redis-url …"
    if args.database_url:
        command += " --database-url …"
    lines = [
        START,
        TITLE,
        "",
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()}.",
        command + " --write`",
        "",
        f"gunicorn, {args.workers} sync worker{'s' if args.workers > 1 else ''} behind one "
        "trusted proxy (`TRUSTED_PROXY_COUNT=1`, the client named in `X-Forwarded-For`), "
        f"{'the limits counted in Redis' if args.redis_url else 'the limits in the worker’s memory'}"
        f"; {args.threads} client threads, no device cookie on any request. Data: {data}. "
        f"Each scenario floods a station of its own (no feedback yet that day) with {args.requests} "
        f"one-star ratings, then {args.requests} visit taps. Load average before and after: "
        f"{load[0]:.1f} and {load[1]:.1f}.",
        "",
        "| flood | ratings sent | counted | held | refused (429) | taps sent | taps counted "
        "| errors | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.label} (`{r.plaque}`) | {r.sent:,} | {r.counted:,} | {r.held:,} "
            f"| {r.refused:,} | {r.taps_sent:,} | {r.taps_counted:,} | {r.errors} "
            f"| {r.seconds:.1f} |"
        )
    lines += [
        "",
        "Limits in force: "
        + ", ".join(f"`{name}` {value}" for name, value in served.items())
        + ".",
        "",
        "Errors: **none**."
        if not any(r.errors for r in results)
        else f"Errors: **{', '.join(r.label for r in results if r.errors)}**.",
        "",
        textwrap.fill(
            "Counted ratings are the ones the station page's mean and the quarterly "
            "satisfaction read; held ones wait for the aid center's moderation; refused ones "
            "were answered 429 with the form and the worker's text given back. A flood from "
            "one source is stopped by that source's limits; one from a new network every "
            "request by the station's own ceilings: a burst beyond "
            "`FEEDBACK_HOLD_PER_STATION_PER_HOUR` is held, beyond "
            "`FEEDBACK_PER_STATION_PER_DAY` refused, and taps stop at "
            "`VISITS_PER_STATION_PER_HOUR`.",
            width=92,
            break_on_hyphens=False,
        ),
        END,
    ]
    return "\n".join(lines)


def emit_rows(scenarios: list[Scenario], served: dict[str, int]) -> None:
    """make bench's table: per flood, the ratings counted (the rest held or refused) against
    the station's hourly ceiling, and the taps counted against the taps' ceiling; a flood
    that drew an error (a 500, a dropped connection) is not met, whatever got through."""
    ratings = served["FEEDBACK_HOLD_PER_STATION_PER_HOUR"]
    taps = served["VISITS_PER_STATION_PER_HOUR"]
    for s in scenarios:
        rows.emit(
            rows.Row(
                script="bench_flood",
                figure=f"flood from {s.label}: ratings counted of {s.sent} sent",
                value=s.counted,
                unit="",
                target=f"≤ {ratings} (FEEDBACK_HOLD_PER_STATION_PER_HOUR), no errors",
                met=s.counted <= ratings and not s.errors,
                note=f"{s.held} held, {s.refused} refused, {s.errors} errors",
            )
        )
        rows.emit(
            rows.Row(
                script="bench_flood",
                figure=f"flood from {s.label}: visit taps counted of {s.taps_sent} sent",
                value=s.taps_counted,
                unit="",
                target=f"≤ {taps} (VISITS_PER_STATION_PER_HOUR), no errors",
                met=s.taps_counted <= taps and not s.errors,
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="ratings (and taps) per flood")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (with Redis)")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", ""),
        help="count the limits in this Redis (default BENCH_REDIS_URL; it is flushed)",
    )
    parser.add_argument("--database-url", default="", help="serve this database as it is")
    parser.add_argument("--write", action="store_true", help="update docs/BENCHMARKS.md")
    args = parser.parse_args()
    if not args.redis_url:
        args.workers = 1  # each worker's memory would be a limit of its own

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-flood-") as tmp:
        folder = Path(tmp)
        env = served_env(
            folder,
            args.database_url or f"sqlite:///{folder / 'flood.sqlite3'}",
            args.redis_url,
            TRUSTED_PROXY_COUNT="1",
        )
        if args.database_url:
            data = "the database given with --database-url"
        else:
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "seed_demo")
            data = "`seed_demo` (107 operating stations) in a temporary SQLite database"
        if args.redis_url:
            django(env, "from django.core.cache import cache\ncache.clear()\nprint('ok')")
        served = limits(env)
        for scenario, plaque in zip(SCENARIOS, quiet_stations(env, len(SCENARIOS)), strict=True):
            scenario.plaque = plaque
        port = free_port()
        server = start_gunicorn(env, port, args.workers, folder / "gunicorn.log")
        try:
            for scenario in SCENARIOS:
                before = outcome(env, scenario.plaque)
                flood(port, scenario, args.requests, args.threads)
                after = outcome(env, scenario.plaque)
                scenario.counted, scenario.held, scenario.taps_counted = (
                    a - b for a, b in zip(after, before, strict=True)
                )
                print(
                    f"{scenario.label}: {scenario.counted} counted, {scenario.held} held, "
                    f"{scenario.refused} refused of {scenario.sent} ratings; "
                    f"{scenario.taps_counted} of {scenario.taps_sent} taps counted; "
                    f"{scenario.errors} errors",
                    flush=True,
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            if any(s.errors for s in SCENARIOS):
                print((folder / "gunicorn.log").read_text()[-3000:])
    emit_rows(SCENARIOS, served)
    text = report(args, data, SCENARIOS, served, (load_before, os.getloadavg()[0]))
    if args.write:
        sections.write(START, END, text)
        print(f"wrote the flood section of {DOC.relative_to(ROOT)}")
    else:
        print(text)
    if any(s.errors for s in SCENARIOS):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
