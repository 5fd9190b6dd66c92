"""Celery tasks of the inspections app: thin, taking ids, calling one service each."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

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


# Rectification orders, their exports and plans (CELERY_BEAT_SCHEDULE names these).
@shared_task(name="inspections.rectifications_flag_overdue")
def rectifications_flag_overdue_task() -> int:
    """Daily: flag orders past their deadline and tell their unions, once each."""
    from .services.rectification import rectifications_flag_overdue

    return rectifications_flag_overdue()


@shared_task(name="inspections.plan_draw_this_quarter")
def plan_draw_this_quarter_task() -> int | None:
    """At the start of each quarter: draw its unannounced plan, unless one is drawn."""
    from .services.plans import PlanError, plan_draw, quarter_of

    year, quarter = quarter_of(timezone.localdate())
    try:
        return plan_draw(year=year, quarter=quarter).pk
    except PlanError:
        return None  # already drawn by hand this quarter: nothing to do


@shared_task(name="inspections.order_exports_expire")
def order_exports_expire_task() -> int:
    """Daily: delete order exports past REGISTRY_EXPORT_KEEP_DAYS, like the registry's."""
    from .orders_export import order_exports_expire

    return order_exports_expire()
