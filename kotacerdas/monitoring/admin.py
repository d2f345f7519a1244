from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import MonitoringSettings, ProgressReport, ReportingPeriod


@admin.register(MonitoringSettings)
class MonitoringSettingsAdmin(AuditedAdmin):
    list_display = ("region", "frequency", "due_days_after_period", "remind_days_before_due", "achievement_cap")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedAdmin):
    list_display = ("region", "year", "number", "starts_on", "ends_on", "due_on", "status")
    list_filter = ("region", "status", "year")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    """Read-only in the back office: reports change only through the workflow, which audits each step."""

    list_display = ("programme", "period", "status", "achievement", "submitted_at", "verified_at", "region")
    list_filter = ("region", "status")
    list_select_related = ("programme", "period", "region")
    search_fields = ("programme__code", "programme__title")
