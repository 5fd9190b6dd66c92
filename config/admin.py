"""The staff actions log in the admin: every station move and every record change, read-only.

The lifecycle and record services write ``StationTransition`` and ``RecordChange`` rows in
the same transaction as the change (history/writer.py); the station's own admin
page shows its moves inline, and here an administrator reads all of them across the city,
filtered by who, what and when. Registered from config (which may import every app) rather
than from stations, so that the log of all staff actions has one home; the login log is
``SecurityEvent`` (unions/admin.py).
"""

from __future__ import annotations

from django.contrib import admin

from history.models import RecordChange
from stations.models import StationTransition

from .models import BeatRun, FailedJob


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """History is append-only (a PostgreSQL trigger refuses UPDATE and DELETE), also here."""

    date_hierarchy = "at"
    list_per_page = 100
    list_select_related = ["by"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StationTransition)
class StationTransitionAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "by", "station", "kind", "from_status", "to_status", "reason"]
    list_filter = ["kind", "to_status", "by"]
    search_fields = ["station__name", "station__plaque_number", "by__username", "reason"]
    list_select_related = ["by", "station"]


@admin.register(RecordChange)
class RecordChangeAdmin(ReadOnlyLogAdmin):
    list_display = ["at", "by", "union", "record", "record_id", "action", "station", "reason"]
    list_filter = ["record", "action", "union", "by"]
    search_fields = ["by__username", "reason", "station__name", "station__plaque_number"]
    list_select_related = ["by", "union", "station"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FailedJob)
class FailedJobAdmin(ReadOnlyAdmin):
    """Background jobs that failed for good, with their error (written by Celery's
    task_failure signal, config/jobs.py); kept FAILED_JOB_KEEP_DAYS."""

    date_hierarchy = "failed_at"
    list_display = ["failed_at", "task_name", "arguments", "error"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "task_id", "error"]
    list_per_page = 100
    fields = ["failed_at", "task_name", "task_id", "arguments", "error", "traceback"]


@admin.register(BeatRun)
class BeatRunAdmin(ReadOnlyAdmin):
    """When beat last sent each scheduled job (config/beat.py)."""

    list_display = ["schedule", "last_run_at"]
    ordering = ["schedule"]
