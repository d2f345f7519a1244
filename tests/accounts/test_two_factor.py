"""The second factor: required for those who hold the keys, optional for other staff, and the back office."""

import pytest
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from kotacerdas.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.otp import confirmed_device, current_code

PASSWORD = "benar-sekali-123"
NOW = "2025-03-04 09:00:00"


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _log_in(client, user, next_url="/r/luwu-utara/staf/"):
    return client.post(f"/akun/masuk/?next={next_url}", {"username": user.username, "password": PASSWORD})


@pytest.mark.parametrize("who", ["region_admin", "evaluator", "superuser"])
def test_who_must_have_one_is_sent_to_set_it_up_and_reaches_nothing_else(world, client, who):
    user = UserFactory(username="root", is_superuser=True, is_staff=True) if who == "superuser" else world["users"][who]
    _with_password(user)
    response = _log_in(client, user)
    assert response.status_code == 302 and response["Location"].startswith("/akun/keamanan/autentikator/")
    for url in ("/r/luwu-utara/staf/", "/r/luwu-utara/staf/audit/", "/admin/", "/akun/keamanan/", "/"):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"].startswith("/akun/keamanan/autentikator/"), url
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'data-testid="totp-qr"' in page.content.decode()


@freeze_time(NOW)
def test_enrolment_shows_recovery_codes_once_and_is_audited(world, client):
    admin = _with_password(world["users"]["region_admin"])
    _log_in(client, admin)
    client.get("/akun/keamanan/autentikator/")
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post("/akun/keamanan/autentikator/", {"code": "000000"}).status_code == 400
    response = client.post("/akun/keamanan/autentikator/?next=/r/luwu-utara/staf/", {"code": current_code(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and StaticToken.objects.filter(device__user=admin).count() == 10
    assert client.get("/r/luwu-utara/staf/").status_code == 200
    event = AuditEvent.objects.get(action="account.second_factor_enrol")
    assert event.actor == admin and event.after == {"authenticators": 1, "recovery_codes": 10}
    assert codes[0] not in str(event.after)


@freeze_time(NOW)
def test_a_right_code_lets_the_region_admin_in_a_wrong_one_does_not(world, client):
    admin = _with_password(world["users"]["region_admin"])
    device = confirmed_device(admin)
    response = _log_in(client, admin)
    assert response["Location"].startswith("/akun/verifikasi/")
    wrong = client.post("/akun/verifikasi/?next=/r/luwu-utara/staf/", {"code": "123456"})
    assert wrong.status_code == 400
    with translation.override("id"):
        message = "That code is not right or has been used. Wait for the next code and try again."
        assert translation.gettext(message) in wrong.content.decode()
    assert client.get("/r/luwu-utara/staf/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code slowed the device down; a new minute in real life
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post("/akun/verifikasi/?next=/r/luwu-utara/staf/", {"code": current_code(device)})
    assert right.status_code == 302 and right["Location"] == "/r/luwu-utara/staf/"
    assert client.get("/r/luwu-utara/staf/").status_code == 200


@freeze_time(NOW)
def test_a_code_cannot_be_replayed(world, client):
    admin = _with_password(world["users"]["region_admin"])
    device = confirmed_device(admin)
    code = current_code(device)
    _log_in(client, admin)
    assert client.post("/akun/verifikasi/", {"code": code}).status_code == 302
    client.post("/akun/keluar/")
    _log_in(client, admin)
    assert client.post("/akun/verifikasi/", {"code": code}).status_code == 400


def test_a_recovery_code_works_once(world, client):
    admin = _with_password(world["users"]["evaluator"])
    confirmed_device(admin)
    from django_otp.plugins.otp_static.models import StaticDevice

    recovery = StaticDevice.objects.create(user=admin, name="r", confirmed=True)
    StaticToken.objects.create(device=recovery, token="abcd2345")
    _log_in(client, admin, next_url="/evaluasi/")
    assert client.post("/akun/verifikasi/pemulihan/", {"code": "ABCD2345"}).status_code == 302
    assert client.get("/akun/keamanan/").status_code == 200
    assert AuditEvent.objects.get(action="account.recovery_code_use").after == {"recovery_codes": 0}
    client.post("/akun/keluar/")
    _log_in(client, admin)
    assert client.post("/akun/verifikasi/pemulihan/", {"code": "abcd2345"}).status_code == 400
    assert client.get("/akun/keamanan/").status_code == 302


def test_optional_for_an_agency_officer(world, client):
    officer = _with_password(world["users"]["agency_officer"])
    response = _log_in(client, officer)
    assert response.status_code == 302 and response["Location"] == "/r/luwu-utara/staf/"
    assert client.get("/r/luwu-utara/staf/").status_code == 200
    client.cookies["django_language"] = "en"
    assert "second factor is off" in client.get("/akun/keamanan/").content.decode()


@freeze_time(NOW)
def test_an_officer_who_chose_one_is_asked_for_it_and_may_turn_it_off(world, client):
    officer = _with_password(world["users"]["agency_officer"])
    device = confirmed_device(officer)
    response = _log_in(client, officer)
    assert response["Location"].startswith("/akun/verifikasi/")
    assert client.get("/r/luwu-utara/staf/").status_code == 302
    # Setting up a new authenticator is no way around the one they have.
    assert client.get("/akun/keamanan/autentikator/")["Location"].startswith("/akun/verifikasi/")
    client.post("/akun/verifikasi/", {"code": current_code(device)})
    assert client.post("/akun/keamanan/matikan/").status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    event = AuditEvent.objects.get(action="account.second_factor_disable")
    assert event.before["authenticators"] == 1 and event.after["authenticators"] == 0


def test_a_region_admin_cannot_turn_it_off(world, client_for):
    admin = world["users"]["region_admin"]
    client = client_for(admin)
    client.post("/akun/keamanan/matikan/")
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="account.second_factor_disable").exists()


def test_the_back_office_requires_verification(world, client):
    root = _with_password(UserFactory(username="root", is_superuser=True, is_staff=True))
    confirmed_device(root)
    client.force_login(root)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/verifikasi/")
    # Even with the gate out of the way the site itself refuses an unverified session.
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = root
    root.is_verified = lambda: False
    assert not admin.site.has_permission(request)


def test_a_signed_in_non_staff_user_is_refused_the_back_office(world, client_for):
    assert client_for(world["users"]["citizen"]).get("/admin/login/").status_code == 403
