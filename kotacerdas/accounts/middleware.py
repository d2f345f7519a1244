import time

from django.apps import apps
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import middleware as otp_middleware
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.common.sql import select_where

from .policy import SESSION_HAS_DEVICE, requires_second_factor

SESSION_REFRESHED = "kc_session_refreshed"
# A sliding expiry without a session write on every request: the expiry moves on at most this often.
REFRESH_EVERY_SECONDS = 300


class AccountSecurityMiddleware:
    """After OTPMiddleware: a signed-in person who owes a second factor reaches only the second-factor pages
    (and logging out) until they give it — those without an authenticator are sent to set one up.

    It also slides the session expiry set at login (`views.start_session`) while the person is active.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_paths = None

    def _open_paths(self) -> tuple[str, ...]:
        if self.open_paths is None:
            self.open_paths = (
                reverse("accounts:verify"),
                reverse("accounts:recover"),
                reverse("accounts:enrol"),
                reverse("accounts:logout"),
                reverse("switch_language", kwargs={"code": "x"})[: -len("x/")],
                "/" + settings.STATIC_URL.lstrip("/"),
                reverse("healthz"),
            )
        return self.open_paths

    def __call__(self, request):
        user = request.user
        gated = user.is_authenticated and not user.is_verified() and owes_second_factor(request)
        if gated and not request.path.startswith(self._open_paths()):
            return redirect(second_factor_url(request, user))
        _slide_expiry(request)
        return self.get_response(request)


def owes_second_factor(request) -> bool:
    """Their role requires one, or they chose one (noted at login, so the check costs no query)."""
    return bool(request.session.get(SESSION_HAS_DEVICE)) or requires_second_factor(request.user)


def second_factor_url(request, user, next_url: str | None = None) -> str:
    """The code page for those with an authenticator, otherwise the set-up page; back to `next` after."""
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    name = "accounts:verify" if has_device else "accounts:enrol"
    query = urlencode({"next": next_url or request.get_full_path()})
    return f"{reverse(name)}?{query}"


def _slide_expiry(request) -> None:
    stamp = request.session.get(SESSION_REFRESHED)
    if stamp is None:
        return
    now = int(time.time())
    if now - stamp >= REFRESH_EVERY_SECONDS:
        request.session[SESSION_REFRESHED] = now  # modified → saved → expiry counted from now


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django_otp's middleware, reading the session's device with one plain statement: every request of a
    signed-in staff member reads it, and the ORM's query building cost more than the statement (issue 18;
    docs/bench.md). Same rules as django_otp's `Device.from_persistent_id`; the device is then bound to the user
    and checked confirmed by django_otp as before."""

    def _device_from_persistent_id(self, persistent_id: str):
        label, _, pk = self._normalize_persistent_id(persistent_id).rpartition("/")
        try:
            model, pk = apps.get_model(label), int(pk)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        return next(iter(model._default_manager.raw(select_where(model, "pk"), [pk])), None)
