"""The module the Celery worker imports for this app (autodiscover_tasks): each area keeps
its tasks beside its services, and importing them here registers them. Every task keeps the
name it was first published under (explicit ``name=``), which beat's schedule and queued
jobs use."""

from __future__ import annotations

from .assessment.tasks import assessment_compute, assessment_draft_when_final
from .checks.services.thumbnails import photo_thumbnails_task
from .orders.tasks import (
    order_exports_expire_task,
    plan_draw_this_quarter_task,
    rectifications_flag_overdue_task,
)
from .reports.tasks import assessment_reports

__all__ = [
    "assessment_compute",
    "assessment_draft_when_final",
    "assessment_reports",
    "order_exports_expire_task",
    "photo_thumbnails_task",
    "plan_draw_this_quarter_task",
    "rectifications_flag_overdue_task",
]
