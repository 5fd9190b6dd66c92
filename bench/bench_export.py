"""The export jobs at national size (target: < 60 s, < 300 MB each): the registry's Excel
(200,000 rows), the rectification orders' CSV (every order) and a campaign's report (a
campaign with a delivery to every operating station: issue 23).

    .venv/bin/python bench/bench_export.py [--size national|small|N] [--reuse] [--write]

Runs each export job's own production function (``registry_export_produce`` for a
``registry_xlsx`` document, ``order_export_produce`` for an ``orders_csv`` one: what the
Celery worker runs) on the snapshot the list page would take for the aid center with no
filter: the whole registry, every field, and every order, each in a fresh process on the
bench database of bench/national.py (``--reuse`` keeps one of this size;
BENCH_DATABASE_URL names another database). Reports rows, wall and CPU time, peak RSS, the
file's size and how often the job told its progress. ``--write`` replaces the "Registry
export" section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import national, rows, sections  # noqa: E402
from bench.bench_pages import database_url, has_data, machine  # noqa: E402

START, END = "<!-- bench:export:start -->", "<!-- bench:export:end -->"
TARGET_S, TARGET_MB = 60.0, 300.0


def export_once(url: str, rows: int = 0) -> dict:
    """In this (fresh) process: set up Django, run the job's production function, measure."""
    national.setup_django(url)
    from django.contrib.auth import get_user_model

    from stations.documents import registry_export
    from stations.documents.registry_export import RegistryExport, registry_export_snapshot

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    user = get_user_model().objects.get(username="bench_aid")
    payload = registry_export_snapshot(RegistryExport(user=user)).payload
    if rows:
        # The first N rows only: the job's own queryset, narrowed to its first N stations.
        full = registry_export.registry_export_stations

        def first(p):
            return full(p).filter(pk__in=list(full(p).values_list("pk", flat=True)[:rows]))

        registry_export.registry_export_stations = first
    reports = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))

    started, cpu = time.perf_counter(), time.process_time()
    with registry_export.registry_export_produce(payload, progress) as made:
        made.seek(0, os.SEEK_END)
        size = made.tell()
    wall = time.perf_counter() - started
    return {
        "rows": reports[-1][0],
        "wall": wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
        "size_mb": size / 1e6,
        "progress_reports": len(reports),
    }


def orders_once(url: str) -> dict:
    """In this (fresh) process: the order CSV job's production function, measured."""
    national.setup_django(url)
    from django.contrib.auth import get_user_model

    from inspections.orders.export import OrderExport, order_export_produce, order_export_snapshot

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    user = get_user_model().objects.get(username="bench_aid")
    payload = order_export_snapshot(OrderExport(user=user)).payload
    reports = []
    started, cpu = time.perf_counter(), time.process_time()
    with order_export_produce(payload, lambda done, total: reports.append((done, total))) as made:
        made.seek(0, os.SEEK_END)
        size = made.tell()
    wall = time.perf_counter() - started
    return {
        "rows": reports[-1][0],
        "wall": wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
        "size_mb": size / 1e6,
        "progress_reports": len(reports),
    }


def campaign_once(url: str) -> dict:
    """In this (fresh) process: the campaign report job, both files, for the aid center (every
    union and district) of the bench's campaign (a delivery to every operating station): the
    snapshot the progress page's button takes, then what the worker makes of it."""
    national.setup_django(url)
    from django.contrib.auth import get_user_model

    from documents.render import render_pdf
    from documents.reports import REPORT, report_snapshot
    from stations.documents.campaign_report import (
        CampaignReport,
        campaign_report_spec,
        campaign_workbook_produce,
        campaign_workbook_snapshot,
    )
    from stations.models import Campaign, CampaignDelivery

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    user = get_user_model().objects.get(username="bench_aid")
    campaign = Campaign.objects.order_by("-pk").first()
    deliveries = CampaignDelivery.objects.filter(campaign=campaign).count()
    started, cpu = time.perf_counter(), time.process_time()
    report = CampaignReport(campaign=campaign, user=user)
    workbook = campaign_workbook_produce(campaign_workbook_snapshot(report).payload)
    pdf = render_pdf(REPORT, report_snapshot(campaign_report_spec(report)).payload)
    wall = time.perf_counter() - started
    return {
        "rows": deliveries,
        "wall": wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "baseline_mb": baseline,
        "size_mb": (len(workbook) + len(pdf)) / 1e6,
    }


def _child(args, job: str) -> dict:
    command = [sys.executable, __file__, "--size", str(args.size), "--rows", str(args.rows)]
    done = subprocess.run(
        [*command, "--child", "--job", job], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("SIZE", "small"))
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--rows", type=int, default=0, help="the first N rows only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--job", choices=("registry", "orders", "campaign"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = database_url(args.size)
    if args.child:
        jobs = {"orders": orders_once, "campaign": campaign_once}
        once = jobs[args.job](url) if args.job in jobs else export_once(url, args.rows)
        print(json.dumps(once))
        return 0
    if not (args.reuse and has_data(url, national.station_count(args.size))):
        national.generate(url, args.size, args.seed)
    result = _child(args, "registry")
    orders = _child(args, "orders")
    campaign = _child(args, "campaign")
    met = result["wall"] < TARGET_S and result["peak_mb"] < TARGET_MB
    rows.emit(
        rows.Row(
            script="bench_export",
            figure=f"registry export job, {result['rows']:,} stations × every field, wall",
            value=result["wall"],
            unit="s",
            target=f"< {TARGET_S:g} s",
            met=result["wall"] < TARGET_S,
            note=f"CPU {result['cpu']:.1f} s, {result['size_mb']:.1f} MB file",
        )
    )
    rows.emit(
        rows.Row(
            script="bench_export",
            figure="registry export job, peak RSS",
            value=result["peak_mb"],
            unit="MB",
            target=f"< {TARGET_MB:g} MB",
            met=result["peak_mb"] < TARGET_MB,
            note=f"baseline {result['baseline_mb']:.0f} MB",
        )
    )
    orders_met = orders["wall"] < TARGET_S and orders["peak_mb"] < TARGET_MB
    rows.emit(
        rows.Row(
            script="bench_export",
            figure=f"order CSV job, {orders['rows']:,} orders, wall",
            value=orders["wall"],
            unit="s",
            target=f"< {TARGET_S:g} s",
            met=orders["wall"] < TARGET_S,
            note=f"CPU {orders['cpu']:.1f} s, {orders['size_mb']:.1f} MB file, "
            f"peak RSS {orders['peak_mb']:.0f} MB",
        )
    )
    campaign_met = campaign["wall"] < TARGET_S and campaign["peak_mb"] < TARGET_MB
    rows.emit(
        rows.Row(
            script="bench_export",
            figure=f"campaign report job (xlsx + PDF), {campaign['rows']:,} deliveries, wall",
            value=campaign["wall"],
            unit="s",
            target=f"< {TARGET_S:g} s",
            met=campaign["wall"] < TARGET_S,
            note=f"CPU {campaign['cpu']:.1f} s, {campaign['size_mb']:.2f} MB of files",
        )
    )
    rows.emit(
        rows.Row(
            script="bench_export",
            figure="campaign report job, peak RSS",
            value=campaign["peak_mb"],
            unit="MB",
            target=f"< {TARGET_MB:g} MB",
            met=campaign["peak_mb"] < TARGET_MB,
            note=f"baseline {campaign['baseline_mb']:.0f} MB",
        )
    )
    lines = [
        START,
        "## Registry export",
        "",
        f"Measured {dt.date.today():%Y-%m-%d} on {machine()}, Linux; load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} when it finished.",
        f"Command: `.venv/bin/python bench/bench_export.py --size {args.size}"
        + (f" --rows {args.rows}" if args.rows else "")
        + " --write`",
        "",
        "The whole registry as the aid center exports it (every field of every station), "
        "written by the export job's production function (`registry_export_produce`, what "
        "the Celery worker runs) in a fresh process on the bench database; the job told its "
        f"progress {result['progress_reports']} times.",
        "",
        "| rows | wall s | CPU s | peak RSS (MB) | baseline RSS (MB) | file MB | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {result['rows']:,} | {result['wall']:.1f} | {result['cpu']:.1f} | "
        f"{result['peak_mb']:.0f} | {result['baseline_mb']:.0f} | {result['size_mb']:.1f} | "
        f"< {TARGET_S:g} s, < {TARGET_MB:g} MB: {'within' if met else '**not met**'} |",
        "",
        "Every rectification order as the aid center exports it to CSV, written by that job's "
        "production function (`order_export_produce`) in a fresh process of its own; the job "
        f"told its progress {orders['progress_reports']} times.",
        "",
        "| orders | wall s | CPU s | peak RSS (MB) | baseline RSS (MB) | file MB | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {orders['rows']:,} | {orders['wall']:.1f} | {orders['cpu']:.1f} | "
        f"{orders['peak_mb']:.0f} | {orders['baseline_mb']:.0f} | {orders['size_mb']:.1f} | "
        f"< {TARGET_S:g} s, < {TARGET_MB:g} MB: "
        f"{'within' if orders_met else '**not met**'} |",
        "",
        "The aid center's report of the bench's campaign (a delivery to every operating "
        "station), its workbook and its PDF, from the snapshot the progress page's button "
        "takes (`campaign_workbook_produce`, then the PDF drawn by `render_pdf`) in a fresh "
        "process of its own: it reads the totals the deliveries keep, never the deliveries.",
        "",
        "| deliveries | wall s | CPU s | peak RSS (MB) | baseline RSS (MB) | files MB | target |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {campaign['rows']:,} | {campaign['wall']:.1f} | {campaign['cpu']:.1f} | "
        f"{campaign['peak_mb']:.0f} | {campaign['baseline_mb']:.0f} | "
        f"{campaign['size_mb']:.2f} | < {TARGET_S:g} s, < {TARGET_MB:g} MB: "
        f"{'within' if campaign_met else '**not met**'} |",
        END,
    ]
    text = "\n".join(lines)
    if args.write:
        sections.write(START, END, text)
        print("wrote the registry export section of docs/BENCHMARKS.md")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
