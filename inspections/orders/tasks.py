"""Celery tasks of rectification orders, their exports and plans: thin, each calling one
service (CELERY_BEAT_SCHEDULE names these)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


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
    from .export import order_exports_expire

    return order_exports_expire()
