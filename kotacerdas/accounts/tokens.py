"""API tokens: making, checking and the DRF authentication that reads them.

A key is `kc_` + 43 random URL-safe characters; the database holds its SHA-256, so checking a key is one
indexed lookup. Failed attempts are counted per client address and refused with 429 once over the limit,
before any lookup.
"""

import hashlib
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from kotacerdas.common import ratelimit
from kotacerdas.common.clientip import client_ip

from .models import ApiToken

KEY_PREFIX = "kc_"
KEYWORDS = (b"token", b"bearer")
MAX_KEY_LENGTH = 100
# last_used_at is written at most this often per token, not on every request.
TOUCH_SECONDS = 300
FAILURE_WINDOW_SECONDS = 3600  # failed token attempts per client address are counted per hour


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_for_key(key: str) -> ApiToken | None:
    """The live token with that key (its user active), or None."""
    if not key.startswith(KEY_PREFIX) or len(key) > MAX_KEY_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` or `Bearer <key>`; other schemes (Basic included) are not ours to read."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        bucket = f"api-token-failure:{client_ip(request)}"
        if not ratelimit.key_allowed(bucket, settings.API_TOKEN_FAILURES_PER_HOUR):
            raise exceptions.Throttled(wait=FAILURE_WINDOW_SECONDS)
        token = None
        if len(parts) == 2:
            try:
                token = token_for_key(parts[1].decode("ascii"))
            except UnicodeDecodeError:
                token = None
        if token is None:
            ratelimit.key_hit(bucket, FAILURE_WINDOW_SECONDS)
            raise exceptions.AuthenticationFailed(_("The API token is not valid."))
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > TOUCH_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Token realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token: an HTTP bearer token (`Token <key>` is read too)."""

    target_class = TokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token as `Authorization: Bearer <key>` or `Token <key>` (docs/api.md).",
        }
