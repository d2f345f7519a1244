"""Back office: surveys are editable (audited); responses are anonymous and read-only."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Survey, SurveyResponse


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ("title", "region", "kind", "opens_on", "closes_on", "closed_at", "results_public")
    list_filter = ("region", "kind")
    raw_id_fields = ("agency", "programme", "created_by")


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ("survey", "created_at", "impact", "u1", "u9")
    list_filter = ("region",)
    exclude = ("respondent_key",)
