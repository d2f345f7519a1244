from django.contrib import admin

from .models import AuditEvent
from .services import record_event, snapshot


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "region", "actor_name", "action", "object_repr")
    list_filter = ("region", "action", "content_type")
    search_fields = ("object_repr", "actor_name", "action", "object_id")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes land in the audit trail like any service's."""

    def save_model(self, request, obj, form, change):
        obj._kc_audit_before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        action = f"{obj._meta.model_name}.{'update' if change else 'create'}"
        record_event(
            actor=request.user,
            action=action,
            obj=obj,
            before=getattr(obj, "_kc_audit_before", None),
            after=snapshot(obj),
            note="admin",
        )

    def delete_model(self, request, obj):
        record_event(
            actor=request.user, action=f"{obj._meta.model_name}.delete", obj=obj, before=snapshot(obj), note="admin"
        )
        super().delete_model(request, obj)
