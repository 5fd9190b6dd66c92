import pytest
from django.db import connection

from inspections.assessment.services.assessment import LOCK_CLASS, AssessmentBusy, assessment_run
from inspections.models import AssessmentStatus, QuarterlyAssessment


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_a_run_is_refused_while_a_recent_run_of_the_quarter_is_running(db):
    QuarterlyAssessment.objects.create(year=2025, quarter=1, status=AssessmentStatus.RUNNING)
    with pytest.raises(AssessmentBusy):
        assessment_run(year=2025, quarter=1)
    assert QuarterlyAssessment.objects.count() == 1


def test_other_quarters_are_not_held_up(db):
    QuarterlyAssessment.objects.create(year=2025, quarter=1, status=AssessmentStatus.RUNNING)
    assert assessment_run(year=2025, quarter=2).status == AssessmentStatus.DRAFT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL advisory lock")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_is_refused_while_another_session_holds_the_quarter():
    from django.db import connections

    other = connections.create_connection("default")  # a second database session
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, 20251])
        with pytest.raises(AssessmentBusy):
            assessment_run(year=2025, quarter=1)
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, 20251])
        assert assessment_run(year=2025, quarter=1).status == AssessmentStatus.DRAFT
    finally:
        other.close()


def test_a_run_left_running_by_a_dead_worker_is_marked_failed_by_the_next(db):
    from django.utils import timezone

    from inspections.assessment.services.assessment import RUN_LEASE

    stale = QuarterlyAssessment.objects.create(
        year=2025, quarter=1, status=AssessmentStatus.RUNNING
    )
    QuarterlyAssessment.objects.filter(pk=stale.pk).update(
        started_at=timezone.now() - RUN_LEASE * 2
    )
    assert assessment_run(year=2025, quarter=1).version == 2
    stale.refresh_from_db()
    assert stale.status == AssessmentStatus.FAILED
