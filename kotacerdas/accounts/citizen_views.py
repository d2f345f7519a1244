"""Citizens sign in on their region's own pages: /r/<slug>/masuk/ in the region's branding, with links to
sign up and to reset a forgotten password by e-mail (Django's reset views).

The sign-in is the staff login's view (`views.LoginView`) with another template and landing page, so the
lockout (django-axes refuses before any password is checked) and the second factor hold the same way. The
reset form answers every address alike — known, unknown or a phone — and is rate-limited per client and
per address (`common.ratelimit`); the new password is set through `passwords.password_reset_by_link`,
audited.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.common.notify import in_recipient_language
from kotacerdas.common.ratelimit import Limit, allowed, hit, key_allowed, key_hit
from kotacerdas.regions.access import with_region

from . import passwords
from .policy import is_citizen_only
from .views import LoginView

# A reset e-mail per address at most this often; more requests get the same page and no e-mail.
RESET_PER_ADDRESS = 3
PASSWORD_RESET = Limit("password_reset", per_ip=10, window_seconds=3600)


class RegionPage:
    """The URL's region (resolved by `with_region`) in the context, and region URLs by name."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.kwargs["region"]
        return context

    def region_url(self, name: str) -> str:
        return reverse(name, kwargs={"region_slug": self.kwargs["region"].slug})


class CitizenLoginView(RegionPage, LoginView):
    template_name = "accounts/citizen_login.html"

    def get_default_redirect_url(self):
        """Without a `next`: citizens go to "My account" in this region, staff and partners to their pages."""
        if is_citizen_only(self.request.user):
            return self.region_url("region:account")
        return reverse(settings.LOGIN_REDIRECT_URL)


class ResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = gettext_lazy("The e-mail address of your account")

    def send_mail(self, *args, **kwargs):
        """The reset e-mail in the account holder's language, whatever language the form was sent in."""
        context = kwargs.get("context", args[2] if len(args) > 2 else {})
        with in_recipient_language(context.get("user")):
            super().send_mail(*args, **kwargs)


class CitizenPasswordResetView(RegionPage, auth_views.PasswordResetView):
    template_name = "accounts/citizen_password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = ResetForm

    def get_success_url(self):
        return self.region_url("accounts_region:password_reset_done")

    def post(self, request, *args, **kwargs):
        if not allowed(PASSWORD_RESET, request):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Too many requests from this connection. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        hit(PASSWORD_RESET, self.request)
        address = form.cleaned_data["email"].strip().lower()
        key = "password_reset:address:" + hashlib.sha256(address.encode()).hexdigest()
        if not key_allowed(key, RESET_PER_ADDRESS):
            return HttpResponseRedirect(self.get_success_url())  # the same answer, no e-mail
        key_hit(key, PASSWORD_RESET.window_seconds)
        self.extra_email_context = {"region": self.kwargs["region"], "site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


class CitizenPasswordResetDoneView(RegionPage, auth_views.PasswordResetDoneView):
    template_name = "accounts/citizen_password_reset_done.html"


class CitizenPasswordResetConfirmView(RegionPage, auth_views.PasswordResetConfirmView):
    template_name = "accounts/citizen_password_reset_confirm.html"

    def get_success_url(self):
        return self.region_url("accounts_region:password_reset_complete")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        passwords.password_reset_by_link(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class CitizenPasswordResetCompleteView(RegionPage, auth_views.PasswordResetCompleteView):
    template_name = "accounts/citizen_password_reset_complete.html"


login = with_region(CitizenLoginView.as_view())
password_reset = with_region(CitizenPasswordResetView.as_view())
password_reset_done = with_region(CitizenPasswordResetDoneView.as_view())
password_reset_confirm = with_region(CitizenPasswordResetConfirmView.as_view())
password_reset_complete = with_region(CitizenPasswordResetCompleteView.as_view())
