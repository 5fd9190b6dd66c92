"""Every station an import creates gets its own history row, "imported from Excel", by the
clerk who uploaded the file (its page shows where it came from), and the filing one row."""

from __future__ import annotations

from history.models import RecordChange

from .builders import station_row, xlsx


def test_each_imported_station_has_its_imported_row(world, run_import):
    result = run_import(xlsx([station_row(1), station_row(2), station_row(3)]))
    assert result.ok, result.problems
    stations = list(result.filing.stations.order_by("pk"))
    rows = list(
        RecordChange.objects.filter(record=RecordChange.Record.STATION, filing=result.filing)
        .order_by("pk")
        .values("record_id", "station_id", "union_id", "action", "by_id", "changes", "reason")
    )
    assert rows == [
        {
            "record_id": station.pk,
            "station_id": station.pk,
            "union_id": world.union_a.pk,
            "action": RecordChange.Action.IMPORTED,
            "by_id": world.user_a.pk,
            "changes": {},
            "reason": "",
        }
        for station in stations
    ]
    assert all(
        change.at is not None for change in RecordChange.objects.filter(filing=result.filing)
    )


def test_the_filing_has_one_imported_row_naming_its_station_count(run_import):
    result = run_import(xlsx([station_row(1), station_row(2)]))
    filing_row = RecordChange.objects.get(
        record=RecordChange.Record.FILING, record_id=result.filing.pk
    )
    assert filing_row.action == RecordChange.Action.IMPORTED
    assert filing_row.changes == {"stations": ["", "2"]}
