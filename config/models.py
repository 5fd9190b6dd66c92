"""What an operator reads about the machinery: failed background jobs and beat's runs.

Both are written by Celery's own hooks (config/jobs.py for failures, config/beat.py for the
schedule), never by a record's service: they describe the machinery, not the programme.
"""

from __future__ import annotations

import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _


class FailedJob(models.Model):
    """A background job that failed for good (Celery's task_failure), with its error.

    Append-only: a PostgreSQL trigger refuses UPDATE; rows are only pruned after
    FAILED_JOB_KEEP_DAYS (config.tasks.failed_jobs_prune), so a DELETE is allowed.
    """

    failed_at = models.DateTimeField(_("failed at"), auto_now_add=True, db_index=True)
    task_name = models.CharField(_("job"), max_length=200, db_index=True)
    task_id = models.CharField(_("job id"), max_length=64, blank=True)
    # Tasks take ids (STYLE: "a task is an API"), so this says which record; cut short so a
    # job given a large payload does not fill the table.
    arguments = models.CharField(_("arguments"), max_length=500, blank=True)
    error = models.TextField(_("error"))
    traceback = models.TextField(_("traceback"), blank=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("failed job")
        verbose_name_plural = _("failed jobs")
        triggers = [
            pgtrigger.Protect(
                name="failed_job_append_only", operation=pgtrigger.Update, when=pgtrigger.Before
            )
        ]

    def __str__(self) -> str:
        return f"{self.failed_at:%Y-%m-%d %H:%M} {self.task_name}"


class BeatRun(models.Model):
    """When beat last sent each entry of CELERY_BEAT_SCHEDULE (and when it last started,
    under ``BEAT_STARTED``): /healthz and /metrics compare it with the entry's schedule."""

    BEAT_STARTED = "(beat started)"

    schedule = models.CharField(_("schedule"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("last run"))

    class Meta:
        verbose_name = _("beat run")
        verbose_name_plural = _("beat runs")

    def __str__(self) -> str:
        return f"{self.schedule} {self.last_run_at:%Y-%m-%d %H:%M}"
