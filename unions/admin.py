from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import HostUnit, Profile, SecurityEvent, Union


@admin.register(Union)
class UnionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "district", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]


@admin.register(HostUnit)
class HostUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "union", "carrier_type", "parent_unit"]
    list_filter = ["carrier_type", "union"]
    search_fields = ["name", "parent_unit"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class StaffUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "last_name", "first_name", "is_active", "is_superuser"]


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "ip_address", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "path"]

    # The log is append-only, also for administrators.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
