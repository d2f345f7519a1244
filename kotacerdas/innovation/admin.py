"""Back office: corrections (e.g. a mistyped stage date) are audited like any service's change. Stage changes
themselves belong to the pages, which check order and evidence."""

from django.contrib import admin
from django.db import models

from kotacerdas.audit.admin import AuditedAdmin

from .models import Innovation, InnovationEvidence, Replication


@admin.register(Innovation)
class InnovationAdmin(AuditedAdmin):
    list_display = ("title", "region", "agency", "stage", "proposed_on", "applied_on")
    list_filter = ("region", "stage", "form", "initiator_type")
    search_fields = ("title",)
    readonly_fields = ("stage", "source_idea", "created_by")


@admin.register(InnovationEvidence)
class InnovationEvidenceAdmin(AuditedAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("innovation", "stage", "kind", "is_public", "created_at")
    list_filter = ("region", "stage", "kind", "is_public")
    readonly_fields = ("file", "content_type", "size", "uploaded_by")


@admin.register(Replication)
class ReplicationAdmin(AuditedAdmin):
    list_display = ("innovation", "region_name", "other_region", "year")
    list_filter = ("region",)
