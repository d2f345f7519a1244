"""Writes to accounts: API tokens (made and revoked by their user or a region admin, audited)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError

from . import tokens
from .models import ApiToken, User

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
