"""Back office for users and groups: every change (superuser, staff, national evaluator, groups,
permissions) is audited; password hashes never enter the trail."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin
from kotacerdas.common.exceptions import ApplicationError

from . import services
from .models import ApiToken, User

USER_AUDIT_FIELDS = [
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "is_staff",
    "is_superuser",
    "is_national_evaluator",
    "language",
    "groups",
    "user_permissions",
]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Smart city"), {"fields": ("is_national_evaluator", "language")}))
    list_display = ("username", "email", "first_name", "last_name", "is_national_evaluator", "is_staff")
    list_filter = (*BaseUserAdmin.list_filter, "is_national_evaluator")
    audit_fields = USER_AUDIT_FIELDS


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    audit_fields = ["name", "permissions"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are made by their owners (/akun/keamanan/token-api/); here they are only seen and revoked, through
    the audited service."""

    list_display = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    exclude = ("key_hash",)
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            try:
                services.api_token_revoke(token=token, actor=request.user)
            except ApplicationError as exc:
                self.message_user(request, f"{token}: {exc.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("%(count)s tokens revoked.") % {"count": done}, messages.SUCCESS)


# --- sign-in records of the libraries: the back office may remove a lost authenticator or clear a lockout, and
# both are audited like every other back-office write (the keys never enter the trail).
def _audit_library_admin(model, fields: list[str]) -> None:
    base = type(admin.site._registry[model])
    admin.site.unregister(model)
    admin.site.register(model, type(f"Audited{base.__name__}", (AuditedAdmin, base), {"audit_fields": fields}))


_audit_library_admin(TOTPDevice, ["user", "name", "confirmed"])
_audit_library_admin(StaticDevice, ["user", "name", "confirmed"])
_audit_library_admin(AccessAttempt, ["username", "ip_address", "failures_since_start", "attempt_time"])
_audit_library_admin(AccessLog, ["username", "ip_address", "attempt_time", "logout_time"])
_audit_library_admin(AccessFailureLog, ["username", "ip_address", "attempt_time", "locked_out"])
