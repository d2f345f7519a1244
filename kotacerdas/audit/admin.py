"""The back office's two kinds of admin: `AuditedAdmin` (every save and delete, bulk ones included, lands in
the audit trail) and `ReadOnlyAdmin` (no add, change or delete: the rows change only through audited
services). Every ModelAdmin of the project derives from one of them."""

from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import AuditEvent
from .services import record_event, snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows are shown, never added, changed or deleted here (Django then offers no "delete selected")."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "region_name", "actor_name", "action", "object_repr")
    list_filter = ("region", "action", "content_type")
    search_fields = ("object_repr", "actor_name", "action", "object_id", "region_code", "region_name")
    date_hierarchy = "created_at"


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes land in the audit trail like any service's.

    `audit_fields` limits the snapshot (None: every concrete field and many-to-many)."""

    audit_fields: list[str] | None = None

    def _snapshot(self, obj):
        return snapshot(obj, self.audit_fields)

    def save_model(self, request, obj, form, change):
        obj._kc_audit_before = self._snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
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
            after=self._snapshot(obj),
            note="admin",
        )

    def _record_delete(self, request, obj):
        record_event(
            actor=request.user,
            action=f"{obj._meta.model_name}.delete",
            obj=obj,
            before=self._snapshot(obj),
            note="admin",
        )

    def delete_model(self, request, obj):
        self._record_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """The "delete selected" action: one audit event per deleted row."""
        for obj in queryset:
            self._record_delete(request, obj)
        super().delete_queryset(request, queryset)


# The task queue's rows are written by the worker only: the back office shows them, never changes them.
_tasks_admin = type(admin.site._registry[DBTaskResult])
admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, type(f"ReadOnly{_tasks_admin.__name__}", (ReadOnlyAdmin, _tasks_admin), {}))
