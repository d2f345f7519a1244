"""Who a session belongs to, read with one plain statement (kotacerdas/accounts/session_user.py): the same
answers as Django's `get_user` — a changed password, a switched-off account, a deleted account or a backend
taken out of the settings ends the session's sign-in; a rotated secret key renews it."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kotacerdas.accounts.session_user import session_user
from kotacerdas.common.sql import select_where
from tests.factories import UserFactory
from tests.otp import confirmed_device, current_code

pytestmark = pytest.mark.django_db

PASSWORD = "benar-sekali-123"
STAFF_HOME = "/r/luwu-utara/staf/"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user, username=None) -> Client:
    """A browser that signed in through the login form (the session names the backend that took it)."""
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    response = client.post("/akun/masuk/", {"username": username or user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def who(client) -> object:
    request = client.get("/").wsgi_request
    return request.user


def test_the_login_forms_session_reads_the_user_with_one_plain_statement(world):
    officer = world["users"]["agency_officer"]
    client = signed_in(officer)
    assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    with CaptureQueriesContext(connection) as queries:
        assert client.get(STAFF_HOME).status_code == 200
    plain = select_where(type(officer), "pk").replace("%s", str(officer.pk))
    table = connection.ops.quote_name(type(officer)._meta.db_table)
    reads = [q["sql"] for q in queries if table in q["sql"].split(" WHERE ")[0]]
    assert reads == [plain], reads  # not the ORM's column list and LIMIT 21
    assert who(client) == officer


def test_a_password_changed_elsewhere_signs_this_session_out(world):
    officer = world["users"]["agency_officer"]
    client = signed_in(officer)
    officer.set_password("kata-sandi-baru-456")
    officer.save()
    response = client.get(STAFF_HOME)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    assert BACKEND_SESSION_KEY not in client.session  # the session was ended, not only ignored


def test_a_switched_off_or_deleted_account_is_nobody(world):
    officer, citizen = world["users"]["agency_officer"], world["users"]["citizen"]
    off, gone = signed_in(officer), signed_in(citizen)
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    citizen.delete()
    assert not who(off).is_authenticated
    assert not who(gone).is_authenticated


def test_a_backend_taken_out_of_the_settings_signs_its_sessions_out(world, settings):
    client = signed_in(world["users"]["agency_officer"])
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != MODEL_BACKEND]
    assert not who(client).is_authenticated


def test_a_citizen_signed_in_with_a_phone_number_in_another_spelling(world):
    citizen = UserFactory(username="+6281234567890")
    client = signed_in(citizen, username="0812-3456-7890")
    assert client.session[BACKEND_SESSION_KEY] == "kotacerdas.ideas.backends.IdentifierBackend"
    assert who(client) == citizen


def test_a_rotated_secret_key_keeps_the_session_and_renews_its_hash(world, settings):
    officer = world["users"]["agency_officer"]
    client = signed_in(officer)
    old_key, old_hash = client.session.session_key, client.session[HASH_SESSION_KEY]
    with override_settings(SECRET_KEY="kunci-baru-" + "x" * 50, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert who(client) == officer
        session = client.session
        assert session.session_key != old_key and session[HASH_SESSION_KEY] != old_hash
        assert who(client) == officer  # the renewed hash holds under the new key


def test_a_session_of_another_kind_of_backend_goes_through_django(world, rf):
    """A backend with its own `get_user` is asked as Django asks it (here: a session naming no known backend)."""
    request = rf.get("/")
    request.session = Client().session
    request.session[BACKEND_SESSION_KEY] = "tests.nowhere.Backend"
    request.session["_auth_user_id"] = str(world["users"]["citizen"].pk)
    assert not session_user(request).is_authenticated


def test_a_request_sent_with_the_id_the_second_factor_replaced_does_not_sign_the_person_out(world, settings):
    """The second factor gives a new session id. A request sent before it with the old id (the service worker
    storing the code page in the background) and answered after it must not delete the browser's cookie, which
    by then holds the new id: that signed the region admin out on their next page."""
    admin = world["users"]["region_admin"]
    client, name = signed_in(admin), settings.SESSION_COOKIE_NAME
    old = client.cookies[name].value
    assert client.post("/akun/verifikasi/", {"code": current_code(confirmed_device(admin))}).status_code == 302
    assert client.cookies[name].value != old
    for path in ("/r/luwu-utara/", STAFF_HOME):
        late = Client()
        late.cookies[name] = old
        response = late.get(path)
        assert name not in response.cookies, (path, response.cookies[name].output())
        assert "Cookie" in response["Vary"]
    assert client.get(STAFF_HOME).status_code == 200


def test_logging_out_still_deletes_the_cookie(world, settings):
    client, name = signed_in(world["users"]["agency_officer"]), settings.SESSION_COOKIE_NAME
    response = client.post("/akun/keluar/")
    assert response.status_code == 302 and response.cookies[name].value == "" and response.cookies[name]["max-age"] == 0
    assert not who(client).is_authenticated
