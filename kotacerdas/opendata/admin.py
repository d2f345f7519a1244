"""Back office for the open data settings; saves are audited like any service's."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import DownloadCount, OpenDataSettings


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(AuditedAdmin):
    list_display = ("region", "licence", "custodian", "small_count_threshold")
    list_filter = ("licence",)


@admin.register(DownloadCount)
class DownloadCountAdmin(ReadOnlyAdmin):
    list_display = ("region", "dataset", "fmt", "count")
    list_filter = ("region",)
