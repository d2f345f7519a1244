from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Smart city"), {"fields": ("is_national_evaluator",)}))
    list_display = ("username", "email", "first_name", "last_name", "is_national_evaluator", "is_staff")
    list_filter = (*BaseUserAdmin.list_filter, "is_national_evaluator")
