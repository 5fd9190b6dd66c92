"""stations 0004 moves generated documents into the documents app, ids, files and all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("stations", "0004_recordchange_and_more"), ("documents", "0001_initial")]
AFTER = [("stations", "0005_generated_documents_move_to_documents")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_old_rows_move_with_their_ids_and_the_stations_district():
    old_apps = _migrate(BEFORE)
    try:
        Union = old_apps.get_model("unions", "Union")
        Station = old_apps.get_model("stations", "Station")
        FilingForm = old_apps.get_model("stations", "FilingForm")
        HostUnit = old_apps.get_model("unions", "HostUnit")
        Old = old_apps.get_model("stations", "GeneratedDocument")
        union = Union.objects.get(code="pudong")
        host = HostUnit.objects.create(union=union, name="浦东支行", carrier_type="bank")
        filing = FilingForm.objects.create(union=union, unit_name="浦东新区总工会", head_name="王")
        station = Station.objects.create(
            union=union,
            filing=filing,
            host_unit=host,
            name="陆家嘴爱心接力站",
            address="陆家嘴环路1000号",
            area_m2=3,
            planned_completion="2018-07-01",
            district="浦东新区",
            plaque_number="SH00042",
            plaque_seq=42,
        )
        pledge = Old.objects.create(
            id=41,
            kind="pledge",
            union=union,
            station=station,
            record_key=f"station:{station.pk}",
            title="SH00042",
            version="v1",
            state="ready",
            file="private/documents/1/pledge/station-1-v1.pdf",
        )
        form = Old.objects.create(
            id=42,
            kind="filing_form",
            union=union,
            filing=filing,
            record_key=f"filing:{filing.pk}",
            version="v1",
        )

        new_apps = _migrate(AFTER)
        New = new_apps.get_model("documents", "GeneratedDocument")
        moved = {d.pk: d for d in New.objects.all()}
        assert set(moved) == {pledge.pk, form.pk}
        assert moved[41].district == "浦东新区"
        assert moved[41].file.name == "private/documents/1/pledge/station-1-v1.pdf"
        assert (moved[41].state, moved[41].title, moved[41].union_id) == (
            "ready",
            "SH00042",
            union.pk,
        )
        assert moved[42].district == ""
        # Ids continue after the copied ones (PostgreSQL's sequence was reset).
        assert New.objects.create(kind="report", record_key="report:x", version="v").pk > 42
        New.objects.filter(kind="report").delete()

        # Backwards, the rows move back with their foreign keys rebuilt from the record key.
        back = _migrate(BEFORE)
        restored = {d.pk: d for d in back.get_model("stations", "GeneratedDocument").objects.all()}
        assert (restored[41].station_id, restored[42].filing_id) == (station.pk, filing.pk)
        assert not back.get_model("documents", "GeneratedDocument").objects.exists()
    finally:
        _migrate(_latest())
