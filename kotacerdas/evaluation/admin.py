"""Back office: evaluation rows are read-only here; every change goes through the audited services."""

from django.contrib import admin

from kotacerdas.audit.admin import ReadOnlyAdmin

from .models import Framework, Round


@admin.register(Framework)
class FrameworkAdmin(ReadOnlyAdmin):
    list_display = ("year", "scale_min", "scale_max")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("region", "year", "version", "status", "index")
    list_filter = ("year", "status")
