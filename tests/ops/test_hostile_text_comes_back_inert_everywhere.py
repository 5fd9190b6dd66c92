"""Markup, script and spreadsheet-formula payloads in every text field of every record come
back inert: escaped on every page each role can open, written as text (never a formula) in
every Excel and CSV file, and printed literally in the PDFs.

The payloads are written straight into the rows (every free-text column of every model of
the portal's apps), not through the forms, so that the check covers every way text gets in:
forms, the Excel import, the admin, and whatever a future form lets through. What the forms
do with such input is tests/ops/test_hostile_posts_get_form_errors_never_500.py.
"""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.test import Client

from documents.models import GeneratedDocument
from documents.services import document_request
from history.models import RecordChange
from history.writer import record_change
from stations.documents.codes import Kind
from stations.models import Agreement, Pledge, StationStatus, StationTransition
from tests.access.cases import CASES
from tests.access.test_access_harness import ROWS, _expected_get
from tests.documents.helpers import pdf_text

# Longest first: each field gets the longest one that fits, made unique by the row's id.
PAYLOADS = [
    '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    '"><img src=x onerror=alert(1)>',
    "<script>alert(1)</script>",
    "=1+2<b>x</b>",
]
# What must never reach a page as markup.
LIVE_MARKUP = ("<script>alert", "<img src=x", "<b>x</b>")
FORMULA_START = ("=", "+", "-", "@")
APPS = {"unions", "documents", "stations", "inspections", "awards"}
# Keys, codes and values that scoping, URLs or numbering read: not free text.
NOT_FREE_TEXT = {
    "plaque_number",
    "district",
    "code",
    "record_key",
    "version",
    "task_id",
    "worker",
    "kind",
    "state",
    "status",
    "head_mobile",
    "contact_mobile",
    "mobile",
    "phone",
    "ip_address",
    "session_key",
    "username",
    "path",
}


def _payload(max_length: int | None, pk: int) -> str | None:
    suffix = f"#{pk}"
    for payload in PAYLOADS:
        if max_length is None or len(payload) + len(suffix) <= max_length:
            return payload + suffix
    return None


def _free_text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not isinstance(f, models.EmailField | models.URLField | models.SlugField)
        and not f.choices
        and not f.unique
        and not f.primary_key
        and f.name not in NOT_FREE_TEXT
    ]


def _append_only(model) -> bool:
    return bool(getattr(model._meta, "triggers", None))


def _fill_every_text_field() -> int:
    filled = 0
    for model in apps.get_models():
        if model._meta.app_label not in APPS or _append_only(model):
            continue
        fields = _free_text_fields(model)
        for pk in model._base_manager.values_list("pk", flat=True):
            values = {}
            for field in fields:
                payload = _payload(field.max_length, pk)
                if payload is not None:
                    values[field.attname] = payload
            if values:
                model._base_manager.filter(pk=pk).update(**values)
                filled += len(values)
    return filled


@pytest.fixture
def hostile_world(world, public_station):
    """Every record kind the pages show, then payloads in all their free text."""
    station = public_station()
    agreement = Agreement.objects.create(
        union=world.union_a,
        host_unit=world.host_a,
        party_b="上海市总工会",
        signatory_a="张三",
        signed_on="2018-11-01",
    )
    agreement.stations.add(station)
    Pledge.objects.create(
        station=station,
        union=world.union_a,
        pledging_unit="工行",
        service_hours="9:00-17:00",
        head_name="李红",
        due_by="2018-12-01",
    )
    # History is append-only: its payloads are written as new rows.
    StationTransition.objects.create(
        station=station,
        from_status=StationStatus.APPROVED,
        to_status=StationStatus.ACTIVE,
        by=world.aid,
        reason=PAYLOADS[0],
    )
    record_change(
        record=RecordChange.Record.STATION,
        record_id=station.pk,
        union_id=world.union_a.pk,
        stations=[station],
        action=RecordChange.Action.EDITED,
        by=world.user_a,
        changes={"name": ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']},
        reason=PAYLOADS[0],
    )
    return station, agreement


def _check_response(url: str, response) -> str:
    """Check one answer; return what kind of answer it was."""
    kind = response.get("Content-Type", "")
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    if kind.startswith("text/html"):
        text = body.decode()
        for live in LIVE_MARKUP:
            assert live not in text, f"{url}: {live!r} unescaped"
        return "html"
    elif "spreadsheetml" in kind:
        workbook = openpyxl.load_workbook(io.BytesIO(body))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{url}: formula in {cell.coordinate}"
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(FORMULA_START), (url, cell.value)
        return "xlsx"
    elif kind.startswith("text/csv"):
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
            for value in row:
                assert not value.startswith(FORMULA_START), (url, value)
        return "csv"
    return kind


def test_every_page_and_file_shows_hostile_text_inert(hostile_world, world):
    station, _agreement = hostile_world
    # Every harness row's path, with the objects its arguments make, before the payloads.
    visits = []
    for pattern, case in ROWS:
        if case is None or pattern.key not in CASES:
            continue
        try:
            with transaction.atomic():
                visits.append((pattern, case, pattern.path(case.kwargs(world))))
        except IntegrityError:
            # Its object exists already (one pledge per station): an earlier row shows it.
            continue
    assert len(visits) > 40
    assert _fill_every_text_field() > 30
    clients = {}
    for role, user in world.users().items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)

    seen_escaped = False
    checked: set[str] = set()
    for pattern, case, path in visits:
        for role in ("anonymous", "union_a", "aid_center", "inspector", "admin"):
            if _expected_get(pattern, case, role) != 200:
                continue
            response = clients[role].get(path)
            assert response.status_code < 500, (path, role)
            checked.add(_check_response(path, response))
            if b"&lt;script&gt;alert(1)&lt;/script&gt;" in getattr(response, "content", b""):
                seen_escaped = True
    assert seen_escaped  # the payloads were shown, escaped, somewhere
    for url in (
        "/api/v1/stations.csv",
        "/api/v1/stations.json",
        f"/stations/{station.plaque_number}/",
    ):
        response = clients["anonymous"].get(url)
        assert response.status_code == 200
        checked.add(_check_response(url, response))
    assert {"html", "xlsx", "csv"} <= checked


def test_the_pdfs_print_hostile_text_literally(
    hostile_world, world, monkeypatch, django_capture_on_commit_callbacks
):
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    station, agreement = hostile_world
    _fill_every_text_field()
    station.refresh_from_db()
    agreement.refresh_from_db()

    for kind, record in ((Kind.PLEDGE, station), (Kind.AGREEMENT, agreement)):
        with django_capture_on_commit_callbacks(execute=True):
            document = document_request(kind=kind, record=record, by=world.aid)
        document.refresh_from_db()
        assert document.state == GeneratedDocument.State.READY, document.error
        with document.file.open("rb") as handle:
            text = pdf_text(handle.read())
        # pdf_text drops white space: compare without it.
        assert re.sub(r"\s+", "", '"><imgsrc=xonerror=alert(1)>') in text or (
            "<script>alert(1)</script>" in text
        ), (kind, text[:500])
