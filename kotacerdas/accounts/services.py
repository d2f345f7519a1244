"""Writes to a person's sign-in: second-factor devices, recovery codes, unlocking after a lockout, and API
tokens (made and revoked by their user or a region admin).

Each change to what protects an account is audited (`record_event`, in the same transaction); secrets
and codes never reach the audit trail, only what kind of device and how many codes remain.
"""

import django_otp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError

from . import tokens
from .lockout import clear_failures, lockout_username
from .models import ApiToken, User
from .policy import requires_second_factor

RECOVERY_CODE_COUNT = 10
PENDING = "pending"


def second_factor_state(user) -> dict:
    """What protects the account, for the audit trail: confirmed authenticator apps and codes left."""
    return {
        "authenticators": TOTPDevice.objects.filter(user=user, confirmed=True).count(),
        "recovery_codes": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
    }


def totp_device_pending(*, user) -> TOTPDevice:
    """The authenticator being set up (unconfirmed, so it protects nothing yet); the same one until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=PENDING).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=PENDING)


@transaction.atomic
def totp_enrol_confirm(*, actor, device: TOTPDevice, code: str) -> list[str]:
    """Turn on the authenticator once it shows the right code; it replaces any earlier one.

    Returns fresh recovery codes (the old ones stop working), to be shown once and never again.
    """
    if device.confirmed or device.user_id != actor.pk:
        raise ApplicationError(_("This set-up has expired. Please start again."))
    if not device.verify_token((code or "").strip()):
        message = _("That code is not right. Check the clock of your phone and enter the current code.")
        raise ApplicationError(message, fields={"code": [message]})
    user = actor
    before = second_factor_state(user)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.name = _("Authenticator app")
    device.save(update_fields=["confirmed", "name"])
    recovery = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    record_event(
        actor=actor, action="account.second_factor_enrol", obj=user, before=before, after=second_factor_state(user)
    )
    return codes


@transaction.atomic
def second_factor_disable(*, actor, user) -> None:
    """Remove the authenticator and recovery codes of someone for whom a second factor is optional."""
    if requires_second_factor(user):
        raise ApplicationError(_("Your role requires a second factor; you can replace it but not turn it off."))
    before = second_factor_state(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(
        actor=actor, action="account.second_factor_disable", obj=user, before=before, after=second_factor_state(user)
    )


def totp_verify(*, user, code: str) -> TOTPDevice | None:
    """The confirmed authenticator that accepts the code (each code once; wrong guesses slow it down)."""
    code = (code or "").strip()
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if django_otp.verify_token(user, device.persistent_id, code):
            return device
    return None


@transaction.atomic
def recovery_code_use(*, user, code: str) -> StaticDevice | None:
    """Spend one recovery code (it never works again); None when it is not one of the user's codes."""
    code = (code or "").strip().lower()
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if django_otp.verify_token(user, device.persistent_id, code):
            left = StaticToken.objects.filter(device=device).count()
            record_event(actor=user, action="account.recovery_code_use", obj=user, after={"recovery_codes": left})
            return device
    return None


@transaction.atomic
def account_unlock(*, actor, membership) -> int:
    """Lift the lockout of a region member's account (from every client); how many failures were forgotten."""
    user = membership.user
    names = {user.get_username(), lockout_username(None, {"username": user.get_username()})}
    failures = sum(clear_failures(name) for name in names if name)
    record_event(
        actor=actor,
        action="account.unlock",
        obj=membership,
        before={"username": user.get_username(), "failed_logins": failures},
        after={"username": user.get_username(), "failed_logins": 0},
    )
    return failures


@transaction.atomic
def user_language_set(*, user: User, language: str, actor: User) -> User:
    """The language `user` receives e-mails and notices in (their own choice, or a superuser's); audited."""
    if actor is None or (actor.pk != user.pk and not actor.is_superuser):
        raise ApplicationError(_("You may only choose your own language."))
    if language not in dict(settings.LANGUAGES):
        message = _("Choose one of the languages offered.")
        raise ApplicationError(message, fields={"language": [message]})
    before = {"language": user.language}
    if language != user.language:
        user.language = language
        user.save(update_fields=["language"])
        record_event(actor=actor, action="account.language", obj=user, before=before, after={"language": language})
    return user


# --- API tokens ---------------------------------------------------------------------------------------------

AUDITED = ["user", "name", "prefix", "created_by", "revoked_at"]


def _require(actor: User, user: User) -> None:
    if not actor.has_perm("accounts.manage_api_tokens", user):
        raise ApplicationError(_("You may not manage this person's API tokens."))


@transaction.atomic
def api_token_create(*, user: User, name: str, actor: User) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is shown this once and never stored."""
    _require(actor, user)
    name = name.strip()
    if not name or "\x00" in name:
        raise ApplicationError(_("Give the token a name."), fields={"name": [_("Give the token a name.")]})
    key = tokens.new_key()
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[:10], key_hash=tokens.key_hash(key), created_by=actor
    )
    record_event(actor=actor, action="api_token.create", obj=token, after=snapshot(token, AUDITED))
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a live token at once; a revoked one stays revoked."""
    _require(actor, token.user)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ApplicationError(_("This token is already revoked."))
    before = snapshot(token, AUDITED)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(actor=actor, action="api_token.revoke", obj=token, before=before, after=snapshot(token, AUDITED))
    return token
