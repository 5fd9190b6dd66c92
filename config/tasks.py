"""The project's own housekeeping jobs."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(name="config.failed_jobs_prune")
def failed_jobs_prune() -> int:
    """Failed jobs are kept FAILED_JOB_KEEP_DAYS for the administrator to read."""
    from .models import FailedJob

    cutoff = timezone.now() - dt.timedelta(days=settings.FAILED_JOB_KEEP_DAYS)
    deleted, _ = FailedJob.objects.filter(failed_at__lt=cutoff).delete()
    return deleted
