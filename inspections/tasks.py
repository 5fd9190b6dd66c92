"""Celery tasks of the inspections app: thin, taking ids, calling one service each."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

# Registered here so that the worker, which imports each app's tasks module, knows it.
from .reports.tasks import assessment_reports  # noqa: F401
from .services.assessment import AssessmentBusy, assessment_run
from .services.thumbnails import photo_thumbnails_task  # noqa: F401


@shared_task(soft_time_limit=1800, time_limit=1900)
def assessment_compute(year: int, quarter: int, by_id: int | None = None) -> str:
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    try:
        assessment = assessment_run(year=year, quarter=quarter, by=by)
    except AssessmentBusy:
        # A run of this quarter is under way: it is the result the staff page will show.
        return "busy"
    return str(assessment)


@shared_task(soft_time_limit=1800, time_limit=1900)
def assessment_draft_when_final() -> list[str]:
    """Beat, each night (config/settings/base.py CELERY_BEAT_SCHEDULE): the draft of each
    ended quarter whose results have just become final, and a notice to the aid center that
    it may be published (services.drafts)."""
    from .services.drafts import drafts_when_final

    return [str(assessment) for assessment in drafts_when_final()]
