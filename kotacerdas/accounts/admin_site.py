from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


class VerifiedAdminSite(admin.AdminSite):
    """The back office, open only to staff who gave their second factor in this session.

    Its own login form is not used: the one staff login (`accounts:login`, with its lockout and second
    factor) signs people in, so there is a single place where passwords are checked.
    """

    def has_permission(self, request):
        user = request.user
        return super().has_permission(request) and user.is_verified()

    def login(self, request, extra_context=None):
        from .middleware import second_factor_url

        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if not (request.user.is_active and request.user.is_staff):
                raise PermissionDenied  # signed in, but not back-office staff
            return redirect(second_factor_url(request, request.user, next_url))
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


class VerifiedAdminConfig(AdminConfig):
    """django.contrib.admin with `VerifiedAdminSite` as `admin.site` (named in INSTALLED_APPS)."""

    default_site = "kotacerdas.accounts.admin_site.VerifiedAdminSite"
