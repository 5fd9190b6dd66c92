"""A certificate prints the day of publication in Shanghai: honours published at 23:30 UTC
on 4 December are dated 5 December (awards/certificates.py once printed the UTC day)."""

from __future__ import annotations

import pytest

from awards.certificates import CERTIFICATE_KIND
from awards.services import award_selection_save, award_year_publish
from documents.models import GeneratedDocument
from tests.documents.helpers import pdf_text
from tests.factories import make_user
from unions.models import Role

from .conftest import YEAR, operating_station, scores


@pytest.fixture(autouse=True)
def _eager_tasks(monkeypatch):
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)


def test_a_certificate_published_at_2330_utc_is_dated_the_next_shanghai_day(
    db, late_evening_utc, django_capture_on_commit_callbacks
):
    aid = make_user("aid", Role.AID_CENTER)
    stations = [operating_station() for _ in range(14)]
    for i, station in enumerate(stations):
        scores(station, [95 - i] * 4)
    award_selection_save(year=YEAR, station_ids=[stations[0].pk], by=aid)
    with django_capture_on_commit_callbacks(execute=True):
        award_year_publish(year=YEAR, by=aid)
    document = GeneratedDocument.objects.get(kind=CERTIFICATE_KIND)
    assert document.payload["issued_on"] == {"y": 2026, "m": 12, "d": 5}
    text = pdf_text(document.file.read())
    assert "2026年12月5日" in text
    assert "12月4日" not in text
