"""On PostgreSQL a trigger refuses UPDATE and DELETE on the history tables: not the admin,
not the ORM, not a raw SQL session can rewrite who did what."""

from __future__ import annotations

import pytest
from django.db import InternalError, connection, transaction

from history.models import RecordChange
from stations.models import StationTransition
from stations.services import lifecycle
from stations.services.filing import filing_create

pytestmark = pytest.mark.services


@pytest.fixture
def moved(world):
    return lifecycle.station_submit(station=world.station_a, by=world.user_a).transitions.get()


@pytest.fixture
def change(world):
    filing = filing_create(
        union=world.union_a,
        by=world.user_a,
        unit_name="黄浦区总工会",
        head_name="王五",
        head_email="w@example.org",
        head_phone="021-1",
    )
    return RecordChange.objects.get(filing=filing)


def _refused(run) -> None:
    with pytest.raises(InternalError, match="pgtrigger"), transaction.atomic():
        run()


def test_a_station_transition_cannot_be_updated_or_deleted(moved):
    _refused(lambda: StationTransition.objects.filter(pk=moved.pk).update(reason="改写"))
    _refused(lambda: StationTransition.objects.filter(pk=moved.pk).delete())
    moved.refresh_from_db()
    assert moved.reason == ""


def test_a_record_change_cannot_be_updated_or_deleted(change):
    _refused(lambda: RecordChange.objects.filter(pk=change.pk).update(action="edited"))
    _refused(lambda: RecordChange.objects.filter(pk=change.pk).delete())
    assert RecordChange.objects.filter(pk=change.pk, action="created").exists()


def test_raw_sql_is_refused_too(change):
    table = RecordChange._meta.db_table

    def raw_update():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET reason = 'x' WHERE id = %s", [change.pk])  # noqa: S608

    _refused(raw_update)


def test_new_rows_are_still_written(world, moved):
    lifecycle.station_return(station=world.station_a, by=world.aid, reason="补充材料")
    assert StationTransition.objects.filter(station=world.station_a).count() == 2
