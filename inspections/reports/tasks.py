"""The reports task: made after publication (assessment.services.publication enqueues it)."""

from __future__ import annotations

from celery import shared_task

from .delivery import assessment_reports_make


@shared_task(
    name="inspections.tasks.assessment_reports",
    autoretry_for=(Exception,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=3,
)
def assessment_reports(assessment_id: int) -> int:
    return len(assessment_reports_make(assessment_id=assessment_id))
