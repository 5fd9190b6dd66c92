from __future__ import annotations

from django.contrib import admin

from .models import (
    Acceptance,
    Agreement,
    FilingForm,
    InsurancePolicy,
    Pledge,
    Station,
    StationTransition,
)


class RecordAdmin(admin.ModelAdmin):
    """Read-only: filings, stations and their records change only through the portal's
    services, which check the rules and write the history. An administrator's edit here
    would bypass both (a filing moved to another union left no trace)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = StationTransition
    extra = 0
    can_delete = False
    readonly_fields = ["at", "kind", "from_status", "to_status", "by", "reason"]

    # History is append-only; it is written by the lifecycle services alone.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Station)
class StationAdmin(RecordAdmin):
    list_display = ["plaque_number", "name", "union", "district", "status", "audience"]
    list_filter = ["status", "audience", "district", "carrier_type", "union"]
    search_fields = ["name", "address", "plaque_number", "head_name"]
    # Status, numbers and history change only through the lifecycle services.
    readonly_fields = [
        "status",
        "status_reason",
        "plaque_number",
        "plaque_seq",
        "plaque_recalled",
        "plaque_issue_count",
        "approved_at",
        "activated_at",
    ]
    inlines = [TransitionInline]

    def has_delete_permission(self, request, obj=None):
        return False  # stations are never hard-deleted


@admin.register(FilingForm)
class FilingFormAdmin(RecordAdmin):
    list_display = ["id", "unit_name", "union", "status", "source", "created_at"]
    list_filter = ["status", "source", "union"]


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = ["host_unit", "union", "signed_on"]
    filter_horizontal = ["stations"]


@admin.register(Pledge)
class PledgeAdmin(RecordAdmin):
    list_display = ["station", "pledging_unit", "due_by", "received_on"]


@admin.register(Acceptance)
class AcceptanceAdmin(RecordAdmin):
    list_display = ["station", "checked_on", "by"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(RecordAdmin):
    list_display = ["policy_number", "insurer", "station", "host_unit", "starts_on", "ends_on"]
