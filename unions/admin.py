from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from history.changes import announce

from .models import HostUnit, Profile, SecurityEvent, Union


class AnnouncedAdmin(admin.ModelAdmin):
    """An administrator's edit is a change like any service's: announced after the save
    (history.changes), so the pages that show the name drop their copies."""

    announces = ""

    def _announce(self, obj) -> None:
        announce(self.announces, ids=(obj.pk,), unions=(getattr(obj, "union_id", obj.pk),))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._announce(obj)

    def delete_model(self, request, obj):
        self._announce(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._announce(obj)
        super().delete_queryset(request, queryset)


@admin.register(Union)
class UnionAdmin(AnnouncedAdmin):
    announces = "union"
    list_display = ["code", "name", "kind", "district", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]


@admin.register(HostUnit)
class HostUnitAdmin(AnnouncedAdmin):
    announces = "host_unit"
    list_display = ["name", "union", "carrier_type", "parent_unit"]
    list_filter = ["carrier_type", "union"]
    search_fields = ["name", "parent_unit"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class StaffUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "last_name", "first_name", "is_active", "is_superuser"]

    def save_related(self, request, form, formsets, change):
        # A role, union or district changed in the profile changes what the user sees.
        super().save_related(request, form, formsets, change)
        announce("profile", ids=(form.instance.pk,))


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
