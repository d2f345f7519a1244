"""Back office for literacy activities and district positions; saves are audited. The attendance sums are also
database constraints, so the back office cannot store counts that do not add up."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin

from .models import Activity, DistrictLocation, Material


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ("title", "region", "kind", "district", "date", "total")
    list_filter = ("region", "kind")
    search_fields = ("title",)


@admin.register(Material)
class MaterialAdmin(AuditedAdmin):
    list_display = ("title", "activity", "is_public")
    readonly_fields = ("file", "content_type", "size", "uploaded_by")


@admin.register(DistrictLocation)
class DistrictLocationAdmin(AuditedAdmin):
    list_display = ("district", "region", "latitude", "longitude")
    list_filter = ("region",)
