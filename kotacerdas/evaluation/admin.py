"""Back office: evaluation rows are read-only here; every change goes through the audited services."""

from django.contrib import admin

from .models import Framework, Round


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ("year", "scale_min", "scale_max")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("region", "year", "version", "status", "index")
    list_filter = ("year", "status")
