from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Dimension, Element, Indicator, Masterplan, MasterplanVersion, Programme, Target


class VersionedAdmin(AuditedAdmin):
    """A back-office save counts as a change too, so a page opened before it refuses a stale save."""

    def save_model(self, request, obj, form, change):
        if change and obj.pk:
            obj.version = type(obj).objects.values_list("version", flat=True).get(pk=obj.pk) + 1
        super().save_model(request, obj, form, change)


@admin.register(Masterplan)
class MasterplanAdmin(VersionedAdmin):
    list_display = ("title", "region", "period_start_year", "period_end_year", "status")
    list_filter = ("region", "status")


@admin.register(MasterplanVersion)
class MasterplanVersionAdmin(ReadOnlyAdmin):
    """Frozen versions are read only: they are the record of what was adopted and revised."""

    list_display = ("masterplan", "number", "kind", "actor_name", "created_at", "summary")
    list_filter = ("region", "kind")
    exclude = ("data",)


@admin.register(Dimension)
class DimensionAdmin(AuditedAdmin):
    list_display = ("name", "key", "region", "coordinator", "order")
    list_filter = ("region",)


@admin.register(Element)
class ElementAdmin(AuditedAdmin):
    list_display = ("name", "key", "dimension", "region", "order")
    list_filter = ("region", "dimension__key")


class ProgrammeAdminForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "region",
            "masterplan",
            "code",
            "title",
            "title_en",
            "description",
            "description_en",
            "dimension",
            "element",
            "owner_agency",
            "supporting_agencies",
            "horizon",
            "start_year",
            "end_year",
            "budget_estimate",
            "funding_source",
            "is_quick_win",
            "quick_win_year",
        ]

    def clean(self):
        cleaned = super().clean()
        agencies = cleaned.get("supporting_agencies") or []
        region = cleaned.get("region")
        if region and any(a.region_id != region.pk for a in agencies):
            raise ValidationError({"supporting_agencies": ValidationError("Choose one of this region's own entries.")})
        return cleaned


@admin.register(Programme)
class ProgrammeAdmin(VersionedAdmin):
    form = ProgrammeAdminForm
    list_display = ("code", "title", "dimension", "owner_agency", "start_year", "end_year", "is_quick_win", "region")
    list_filter = ("region", "dimension__key", "is_quick_win", "horizon")
    search_fields = ("code", "title")
    list_select_related = ("dimension", "owner_agency", "region")
    filter_horizontal = ("supporting_agencies",)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("year", "value", "region")


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("name", "programme", "unit", "direction", "region")
    list_filter = ("region", "direction")
    search_fields = ("name", "programme__code")
    raw_id_fields = ("programme",)
    inlines = [TargetInline]
