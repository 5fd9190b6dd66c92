"""Excel exports write the city's (Asia/Shanghai) dates and times: at 23:30 UTC on
4 December 2026 the registry export and the quarter's workbook say 5 December, 07:30."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from inspections.models import QuarterlyAssessment
from inspections.reports.workbook import workbook_bytes
from stations.documents.registry_export import RegistryExport, registry_export_snapshot
from stations.models import Station, StationStatus

SHANGHAI_MORNING = dt.datetime(2026, 12, 5, 7, 30)


def test_the_registry_export_writes_a_station_activated_at_2330_utc_as_the_next_morning(
    exported, world, late_evening_utc
):
    Station.objects.filter(pk=world.station_a.pk).update(
        status=StationStatus.ACTIVE, activated_at=late_evening_utc
    )
    ws = exported(world.aid)
    headers = [c.value for c in ws[1]]
    col = headers.index(str(Station._meta.get_field("activated_at").verbose_name))
    assert ws.cell(row=2, column=col + 1).value == SHANGHAI_MORNING


def test_the_registry_export_is_named_by_the_shanghai_minute_it_was_asked_for(
    world, late_evening_utc
):
    made = registry_export_snapshot(RegistryExport(user=world.aid, at=late_evening_utc))
    assert made.payload["asked_at"] == "20261205-0730"
    assert "2026-12-05 07:30" in made.title


def test_the_quarters_workbook_says_when_it_was_computed_in_shanghai_time(db, late_evening_utc):
    assessment = QuarterlyAssessment.objects.create(
        year=2026, quarter=3, status="published", computed_at=late_evening_utc
    )
    book = load_workbook(io.BytesIO(workbook_bytes({"assessment_id": assessment.pk})))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert summary["计算时间"] == "2026-12-05 07:30"
