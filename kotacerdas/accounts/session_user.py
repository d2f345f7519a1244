"""Who is signed in, read with one plain statement (issue 18, target 3; docs/bench.md).

Every request of a signed-in person reads their user row. Django's `ModelBackend.get_user` builds that query
with the ORM, which cost more than the statement (~30% of a signed-in page served from the cache). For the
sessions of the backends whose `get_user` is ModelBackend's (Django's own and our `IdentifierBackend`), this
middleware reads the row by primary key with one prepared text instead; the rules stay Django's: the backend
must still be in AUTHENTICATION_BACKENDS, an inactive account is nobody, and the session's password hash must
match (a password change signs the other sessions out; a hash made with a rotated secret key is renewed). Any
other backend goes through `django.contrib.auth.get_user` unchanged. Sessions need no change at the upgrade.

`SessionMiddleware` (Django's, in its place) does not delete the cookie of a request whose session id was
replaced meanwhile: see the class.
"""

import functools

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions import middleware as sessions_middleware
from django.core.exceptions import ValidationError
from django.utils.cache import patch_vary_headers
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string

from kotacerdas.common.sql import select_where


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with `request.user` read by `session_user`."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached(request))


def _cached(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)
    return request._cached_user


def _plain_read(backend_path: str) -> bool:
    """The backend is configured and reads users as ModelBackend does."""
    return backend_path in settings.AUTHENTICATION_BACKENDS and _reads_like_model_backend(backend_path)


@functools.cache
def _reads_like_model_backend(backend_path: str) -> bool:
    backend = import_string(backend_path)
    return issubclass(backend, ModelBackend) and backend.get_user is ModelBackend.get_user


def session_user(request):
    """The session's user, or AnonymousUser (see the module)."""
    session = request.session
    backend_path = session.get(auth.BACKEND_SESSION_KEY)
    if backend_path is None or not _plain_read(backend_path):
        return auth.get_user(request)
    from django.contrib.auth.models import AnonymousUser

    model = auth.get_user_model()
    try:
        user_id = model._meta.pk.to_python(session[auth.SESSION_KEY])
    except (KeyError, ValidationError):
        return AnonymousUser()
    user = next(iter(model._default_manager.raw(select_where(model, "pk"), [user_id])), None)
    if user is None or not getattr(user, "is_active", True) or not _session_holds(session, user):
        return AnonymousUser()
    return user


def _session_holds(session, user) -> bool:
    """The session was made with the user's current password: Django's rule, including the secret key's
    fallbacks (the hash is then renewed under a new session key). A session that does not hold is ended."""
    stored = session.get(auth.HASH_SESSION_KEY)
    current = user.get_session_auth_hash()
    if stored and constant_time_compare(stored, current):
        return True
    if stored and any(constant_time_compare(stored, old) for old in user.get_session_auth_fallback_hash()):
        session.cycle_key()
        session[auth.HASH_SESSION_KEY] = current
        return True
    session.flush()
    return False


class SessionMiddleware(sessions_middleware.SessionMiddleware):
    """Django's, except that a request whose cookie names a session that no longer exists leaves the cookie
    alone (Django deletes it). The second factor gives a new session id (`views._verified`); a request the
    browser sent before with the old id — the service worker storing the code page in the background, another
    tab — can be answered after that, and its "delete the cookie" would then remove the *new* id: the person is
    signed out on their next page. A session ended in the request itself (logging out, a changed password) is
    `modified` and still deletes the cookie."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and _names_a_gone_session(request, session):
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)


def _names_a_gone_session(request, session) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES and not session.modified and session.is_empty()
