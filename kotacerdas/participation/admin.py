"""Back office: categories, routes and settings are editable (audited); reports, their updates and the
statistics are read-only (statuses move through the staff page, which keeps deadlines, counters and
notifications right); Open311 keys can only be revoked from the staff page."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import (
    AgencyReportStats,
    CategoryRoute,
    Holiday,
    Open311Key,
    Report,
    ReportCategory,
    ReportSettings,
)


@admin.register(ReportCategory)
class ReportCategoryAdmin(AuditedAdmin):
    list_display = ("code", "name", "region", "kind", "agency", "is_active")
    list_filter = ("region", "kind", "is_active")


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ("date", "name", "kind", "region")
    list_filter = ("region", "kind")
    date_hierarchy = "date"


@admin.register(CategoryRoute)
class CategoryRouteAdmin(AuditedAdmin):
    list_display = ("category", "district", "agency", "region")


@admin.register(ReportSettings)
class ReportSettingsAdmin(AuditedAdmin):
    list_display = ("region", "first_response_days", "days_information", "days_standard", "days_field_check")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "region", "category", "agency", "status", "created_at")
    list_filter = ("region", "status", "source")
    search_fields = ("tracking_code",)
    show_full_result_count = False  # no COUNT over every report on each page


@admin.register(AgencyReportStats)
class AgencyReportStatsAdmin(ReadOnlyAdmin):
    list_display = ("agency", "region", "received", "open", "resolved", "resolved_in_time", "rejected")


@admin.register(Open311Key)
class Open311KeyAdmin(ReadOnlyAdmin):
    list_display = ("name", "prefix", "region", "is_active", "created_at")
