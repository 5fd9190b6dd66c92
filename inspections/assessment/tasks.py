"""Celery tasks of the assessment: thin, taking ids, calling one service each.

Their names were given by their first module, inspections/tasks.py; beat's schedule
(config/settings/base.py) and queued jobs name them so, hence the explicit ``name=``."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from .services.assessment import AssessmentBusy, assessment_run


@shared_task(name="inspections.tasks.assessment_compute", soft_time_limit=1800, time_limit=1900)
def assessment_compute(year: int, quarter: int, by_id: int | None = None) -> str:
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    try:
        assessment = assessment_run(year=year, quarter=quarter, by=by)
    except AssessmentBusy:
        # A run of this quarter is under way: it is the result the staff page will show.
        return "busy"
    return str(assessment)


@shared_task(
    name="inspections.tasks.assessment_draft_when_final", soft_time_limit=1800, time_limit=1900
)
def assessment_draft_when_final() -> list[str]:
    """Beat, each night (config/settings/base.py CELERY_BEAT_SCHEDULE): the draft of each
    ended quarter whose results have just become final, and a notice to the aid center that
    it may be published (services.drafts)."""
    from .services.drafts import drafts_when_final

    return [str(assessment) for assessment in drafts_when_final()]
