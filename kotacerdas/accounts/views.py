"""Sign-in: the password step (locked out by django-axes), the second factor, and the session's lifetime."""

import base64
import time

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.common.exceptions import ApplicationError, add_to_form

from . import services
from .forms import CodeForm, LanguageForm, RecoveryCodeForm
from .middleware import SESSION_REFRESHED, owes_second_factor, second_factor_url
from .policy import SESSION_HAS_DEVICE, citizen_region_slug, requires_second_factor, session_seconds


def start_session(request, user) -> None:
    """Call right after `login()`: the session ends after the role's inactivity limit (a working day for
    staff, a month for citizens) and remembers whether this person has an authenticator to ask for."""
    request.session.set_expiry(session_seconds(user))
    request.session[SESSION_REFRESHED] = int(time.time())
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[SESSION_HAS_DEVICE] = True


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a `next`: a citizen (and no staff role) lands on "My account" of their region, others on
        their staff pages."""
        region_slug = citizen_region_slug(self.request.user)
        if region_slug:
            return reverse("region:account", kwargs={"region_slug": region_slug})
        return super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        start_session(self.request, user)
        if owes_second_factor(self.request):
            return redirect(second_factor_url(self.request, user, self.get_success_url()))
        return response


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers a refused login (AXES_LOCKOUT_CALLABLE): the lockout page, 429."""
    context = {"cooloff_minutes": lockout_minutes()}
    return render(request, "accounts/locked_out.html", context, status=429)


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def _next_url(request, default: str = settings.LOGIN_REDIRECT_URL) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _verified(request, device) -> None:
    request.session.cycle_key()  # a new session id for the stronger sign-in
    django_otp.login(request, device)
    request.session[SESSION_HAS_DEVICE] = True


@login_required
def verify(request):
    """The code from the authenticator app, after the password."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = services.totp_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("That code is not right or has been used. Wait for the next code and try again."))
    if request.method == "POST":
        status = 400
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)}, status=status)


@login_required
def recover(request):
    """A recovery code instead of the authenticator (a lost phone); each code works once."""
    form = RecoveryCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        device = services.recovery_code_use(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            left = StaticToken.objects.filter(device=device).count()
            messages.warning(
                request,
                _("You signed in with a recovery code; %(left)s codes are left. Set up your authenticator again soon.")
                % {"left": left},
            )
            return redirect(_next_url(request))
        form.add_error("code", _("That is not one of your recovery codes, or it has been used."))
    if request.method == "POST":
        status = 400
    return render(request, "accounts/recover.html", {"form": form, "next": _next_url(request)}, status=status)


@login_required
def enrol(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code, get recovery codes.

    Someone who already has one must give its code first: setting up a new one is no way around it.
    """
    user = request.user
    if not user.is_verified() and TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(second_factor_url(request, user, _next_url(request)))
    device = services.totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_enrol_confirm(actor=user, device=device, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            _verified(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
    if request.method == "POST":
        status = 400
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": requires_second_factor(user),
    }
    return render(request, "accounts/enrol.html", context, status=status)


@login_required
def security(request):
    """The person's own sign-in settings: their second factor and how many recovery codes are left."""
    user = request.user
    context = {
        "state": services.second_factor_state(user),
        "required": requires_second_factor(user),
        "language_form": LanguageForm(initial={"language": user.language}),
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def language(request):
    """Set the language of the person's e-mails and notices (from "My account" or the sign-in settings); the
    site switches to it too. Back to `next`."""
    form = LanguageForm(request.POST)
    response = redirect(_next_url(request, default="accounts:security"))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("language", [_("Choose one of the languages offered.")])))
        return response
    code = form.cleaned_data["language"]
    try:
        services.user_language_set(user=request.user, language=code, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return response
    with translation.override(code):
        messages.success(
            request,
            _("E-mails and notices will reach you in %(language)s.") % {"language": dict(settings.LANGUAGES)[code]},
        )
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure()
    )
    return response


@login_required
@require_POST
def disable(request):
    try:
        services.second_factor_disable(actor=request.user, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        request.session.pop(SESSION_HAS_DEVICE, None)
        messages.success(request, _("The second factor is turned off."))
    return redirect("accounts:security")
