"""Demo accounts that need a second factor come with an authenticator, as they would in production.

Each key is derived from the username, so every `load_demo` prints the same secrets and a tester's
authenticator app keeps working across reloads. Demo only: real keys are random (accounts.services).
"""

import base64
import hashlib

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.policy import requires_second_factor

DEVICE_NAME = "Demo authenticator"


def demo_key(username: str) -> bytes:
    return hashlib.sha1(f"kotacerdas-demo-totp:{username}".encode()).digest()  # noqa: S324 (a demo key)


def demo_second_factors(usernames) -> dict[str, str]:
    """{username: base32 TOTP secret} for those demo users whose role requires a second factor."""
    secrets = {}
    for user in get_user_model().objects.filter(username__in=list(usernames)).order_by("username"):
        if not requires_second_factor(user):
            continue
        key = demo_key(user.username)
        TOTPDevice.objects.get_or_create(user=user, name=DEVICE_NAME, defaults={"key": key.hex(), "confirmed": True})
        secrets[user.username] = base64.b32encode(key).decode()
    return secrets
