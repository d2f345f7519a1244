"""Back office for users and groups: every change (superuser, staff, national evaluator, groups,
permissions) is audited; password hashes never enter the trail."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.admin import AuditedAdmin

from .models import User

USER_AUDIT_FIELDS = [
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "is_staff",
    "is_superuser",
    "is_national_evaluator",
    "groups",
    "user_permissions",
]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Smart city"), {"fields": ("is_national_evaluator",)}))
    list_display = ("username", "email", "first_name", "last_name", "is_national_evaluator", "is_staff")
    list_filter = (*BaseUserAdmin.list_filter, "is_national_evaluator")
    audit_fields = USER_AUDIT_FIELDS


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    audit_fields = ["name", "permissions"]
