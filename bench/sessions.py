"""Signed-in sessions for the staff pages the bench measures, as a person has them after the password and
the second factor (region admins and the Tim Ahli must give one): written to the session store directly,
since the bench cannot type the code of an authenticator app. Prints one line of JSON: username → session key.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python bench/sessions.py admin.lutra tp.lutra ...
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def main(usernames: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    keys = {}
    for username in usernames:
        user = get_user_model().objects.get(username=username)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.create()
        keys[username] = session.session_key
    print(json.dumps(keys))


if __name__ == "__main__":
    main(sys.argv[1:])
