import datetime as dt

from django.conf import settings
from django.core.management import call_command

from config.celery_app import app
from inspections.models import AssessmentStatus, QuarterlyAssessment
from inspections.quarters import last_quarter


def test_the_beat_looks_each_night_for_a_quarter_whose_results_became_final():
    entry = settings.CELERY_BEAT_SCHEDULE["quarterly-assessment"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    # Each night (the draft waits for the appeal windows, not for the first of the month).
    assert entry["schedule"].hour == {2} and entry["schedule"].day_of_month == set(range(1, 32))
    assert last_quarter(dt.date(2025, 4, 1)) == (2025, 1)
    assert last_quarter(dt.date(2025, 1, 1)) == (2024, 4)


def test_the_command_computes_a_draft(db, capsys):
    call_command("assessment_run", "2025", "2")
    assert QuarterlyAssessment.objects.get().status == AssessmentStatus.DRAFT
    assert "2025Q2 v1" in capsys.readouterr().out
