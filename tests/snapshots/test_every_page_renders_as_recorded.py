"""Every page, document and export renders as recorded: a move of code between apps (issue
22) must change no byte a user sees.

Each GET page of the URL map (the access harness's objects: tests/access/cases*.py) is read
as each role that may read it, each station document's HTML (the page WeasyPrint draws) is
rendered from union A's records, and the registry and filing exports are written; each answer
is normalised (CSRF tokens and CSP nonces, which change per request, are blanked) and its
SHA-256 compared with tests/snapshots/recorded.json. The clock is stopped at one moment
(time-machine), so "today" and every stamp are the same on every run.

A deliberate change of a page: `SNAPSHOT_UPDATE=1 pytest tests/snapshots` records anew; the
diff of recorded.json then names every page the change touched, for review. To see what
changed in a page, `SNAPSHOT_DUMP=<folder>` writes each normalised page there: dump before
and after, and diff the folders.

Embedded mode only: the comparison needs the rows' ids to be the same on every run, which
SQLite's rolled-back sequences give and PostgreSQL's sequences (never rolled back) do not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.access.cases import CASES
from tests.access.test_access_harness import PATTERNS, _role_value, _rule

RECORDED = os.path.join(os.path.dirname(__file__), "recorded.json")
UPDATE = bool(os.environ.get("SNAPSHOT_UPDATE"))
ROLES = ("anonymous", "union_a", "inspector", "aid_center", "admin")
MOMENT = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        bool(os.environ.get("RELAY_SERVICES")),
        reason="ids must repeat run to run: SQLite's do, PostgreSQL's sequences do not",
    ),
]

# What changes per request whatever the code: CSRF tokens (64 letters and digits, in forms,
# meta tags and JSON alike), CSP nonces, and the fresh idempotency key of a check form.
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_NONCE = re.compile(r'nonce=\\?"[^"\\]*\\?"')
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Not a page: the counters of the requests the test itself made.
NOT_PAGES = ("metrics",)


def normalised(body: bytes, content_type: str = "") -> bytes:
    if content_type.startswith(XLSX):
        return _cells(body)  # a zip's entries carry the time it was written
    text = body.decode("utf-8", errors="replace")
    text = _TOKEN.sub("<token>", text)
    text = _NONCE.sub('nonce=""', text)
    text = _UUID.sub("<uuid>", text)
    return text.encode()


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:20]


def _recorded() -> dict[str, str]:
    if not os.path.exists(RECORDED):
        return {}
    with open(RECORDED, encoding="utf-8") as handle:
        return json.load(handle)


def _record(found: dict[str, str]) -> None:
    recorded = _recorded()
    recorded.update(found)
    with open(RECORDED, "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(recorded.items())), handle, ensure_ascii=False, indent=0)
        handle.write("\n")


def _compare(found: dict[str, str]) -> None:
    if UPDATE:
        _record(found)
        return
    recorded = _recorded()
    differ = {k: (recorded.get(k), v) for k, v in found.items() if recorded.get(k) != v}
    assert not differ, f"rendered otherwise than recorded (recorded, now): {differ}"


def _same_counters() -> None:
    """Names and ids as on every other run, whatever ran before in this process: the
    factories' sequences (工商银行第N支行) count from zero, and SQLite's AUTOINCREMENT
    counters, which a committed-then-flushed test before this one leaves high, restart
    after the rows the migrations made (this test's transaction rolls the reset back)."""
    from django.db import connection

    from tests import factories

    for value in vars(factories).values():
        is_factory = isinstance(value, type) and issubclass(value, factories.factory.Factory)
        if is_factory and value._meta.model is not None:
            value.reset_sequence(0, force=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_sequence")


@pytest.fixture
def stopped_clock(db):
    """The clock stopped before anything is made (request it before ``world``); the rows
    the migrations made at set-up carry the same moment."""
    from inspections.models import Checklist

    _same_counters()
    with time_machine.travel(MOMENT, tick=False):
        Checklist.objects.update(created_at=MOMENT)
        yield MOMENT


GET_PATTERNS = [
    p
    for p in PATTERNS
    if "admin" not in p.namespaces
    and p.key in CASES
    and p.key not in NOT_PAGES
    and "GET" in _rule(p).methods
]


def _may_read(p, role: str) -> bool:
    rule = _rule(p)
    return rule.public or (role != "anonymous" and _role_value(role) in rule.roles)


@pytest.mark.parametrize("pattern", GET_PATTERNS, ids=[p.key for p in GET_PATTERNS])
def test_the_page_renders_as_recorded_for_every_role_that_reads_it(pattern, stopped_clock, world):
    case = CASES[pattern.key]
    path = pattern.path(case.kwargs(world))
    found = {}
    for role in ROLES:
        if not _may_read(pattern, role):
            continue
        client = Client()
        user = world.users()[role]
        if user is not None:
            client.force_login(user)
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        shown = normalised(body, response.get("Content-Type", ""))
        if os.environ.get("SNAPSHOT_DUMP"):
            name = re.sub(r"\W+", "_", f"{pattern.route}_{role}")
            with open(os.path.join(os.environ["SNAPSHOT_DUMP"], name), "wb") as handle:
                handle.write(shown)
        found[f"page {pattern.route} {role}"] = f"{response.status_code} {digest(shown)}"
    _compare(found)


def _station_records(world):
    from tests.access.cases_stations import _agreement, _pledge

    _pledge(world)
    _agreement(world)
    return world


@pytest.mark.parametrize("kind", ["filing_form", "agreement", "pledge", "plaque"])
def test_each_station_document_draws_the_same_page(kind, stopped_clock, world):
    from documents import kinds
    from documents.render import html_for
    from stations.models import Agreement, Station, StationStatus

    _station_records(world)
    world.station_a.plaque_number, world.station_a.plaque_seq = "SH00001", 1
    world.station_a.status = StationStatus.ACTIVE
    world.station_a.save(update_fields=["plaque_number", "plaque_seq", "status"])
    station = Station.objects.get(pk=world.station_a.pk)  # its pledge read back as stored
    record = {
        "filing_form": world.filing_a,
        "agreement": Agreement.objects.get(stations=world.station_a),
        "pledge": station,
        "plaque": station,
    }[kind]

    html = html_for(kind, kinds.get(kind).snapshot(record).payload)

    _compare({f"document {kind}": digest(html.encode())})


def _cells(content: bytes) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [
        [sheet.title, *[str(v) for v in row]]
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    return json.dumps(rows, ensure_ascii=False).encode()


def test_the_filing_workbook_holds_the_same_cells(stopped_clock, world):
    client = Client()
    client.force_login(world.user_a)

    response = client.get(f"/staff/filings/{world.filing_a.pk}/form.xlsx")

    assert response.status_code == 200
    _compare({"export filing_form.xlsx": digest(_cells(response.content))})


def test_the_order_list_csv_holds_the_same_rows(stopped_clock, world):
    # Written by the export job's own function (inspections/orders/export.py), BOM included.
    from inspections.orders.export import OrderExport, order_export_produce, order_export_snapshot
    from tests.access.cases_orders import _order

    _order(world)
    payload = order_export_snapshot(OrderExport(user=world.aid)).payload

    with order_export_produce(payload, lambda done, total: None) as made:
        made.seek(0)
        data = made.read()

    _compare({"export orders.csv": digest(data)})
