from __future__ import annotations

import pytest

from inspections.assessment.services.assessment import assessment_run
from inspections.models import StationQuarterScore, UnionQuarterScore


@pytest.fixture
def run():
    """Compute 2025 Q1 (or the quarter given) and return {station_id: score row}."""

    def compute(year: int = 2025, quarter: int = 1, **kwargs):
        assessment = assessment_run(year=year, quarter=quarter, **kwargs)
        stations = {
            row.station_id: row for row in StationQuarterScore.objects.filter(assessment=assessment)
        }
        unions = {
            row.union_id: row for row in UnionQuarterScore.objects.filter(assessment=assessment)
        }
        return assessment, stations, unions

    return compute


@pytest.fixture(autouse=True)
def _tasks_in_process(monkeypatch):
    """Tasks run in the test's process in both CI passes (with REDIS_URL set they would
    otherwise wait in Redis for a worker that never comes)."""
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
