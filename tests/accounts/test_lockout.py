"""Guessing passwords: 60 wrong ones lock the account, refused before any hashing; the region admin unlocks."""

import pytest
from axes.models import AccessAttempt
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.regions.models import Membership
from tests.factories import MembershipFactory, UserFactory

from . import hashers

LOGIN = "/akun/masuk/"
PASSWORD = "benar-sekali-123"


@pytest.fixture
def officer(world):
    user = world["users"]["agency_officer"]
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    hashers.CALLS["verify"] = 0
    return hashers.CALLS


def _guess(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_sixty_wrong_passwords_then_the_right_one_is_refused(officer, client, counting_hasher, settings):
    answers = [_guess(client, officer.username, f"salah-{i}").status_code for i in range(60)]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT :]) == {429}
    # Only the guesses before the lock reached the hasher.
    assert counting_hasher["verify"] == settings.AXES_FAILURE_LIMIT
    response = _guess(client, officer.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert counting_hasher["verify"] == settings.AXES_FAILURE_LIMIT  # the right password was never checked
    html = response.content.decode()
    with translation.override("id"):
        assert translation.gettext("Account locked") in html
    assert 'data-testid="locked-out"' in html


def test_lockout_message_in_english(officer, client):
    client.cookies["django_language"] = "en"
    for i in range(6):
        response = _guess(client, officer.username, f"wrong-{i}")
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_another_address_may_still_log_in_until_the_account_limit(officer, client, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _guess(client, officer.username, f"salah-{i}", ip="10.0.0.1")
    assert _guess(client, officer.username, PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    # A guesser who changes address every few tries is stopped by the looser limit per account.
    for i in range(settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT):
        _guess(client, officer.username, f"salah-{i}", ip=f"10.1.0.{i // 2}")
    assert _guess(client, officer.username, PASSWORD, ip="10.9.9.9").status_code == 429


def test_phone_spellings_count_as_one_account(world, client, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        spelling = ["0812-1111-2222", "+62 812 1111 2222", "6281211112222"][i % 3]
        _guess(client, spelling, f"salah-{i}")
    assert AccessAttempt.objects.get().username == "+6281211112222"
    assert _guess(client, "081211112222", "anything").status_code == 429


def test_admin_login_is_the_staff_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def _lock(client, user, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _guess(client, user.username, f"salah-{i}")


def test_region_admin_unlocks_a_member(world, officer, client, client_for, settings):
    _lock(client, officer, settings)
    admin = client_for(world["users"]["region_admin"])
    page = admin.get("/r/luwu-utara/staf/akun-terkunci/")
    assert page.status_code == 200
    assert f'data-testid="unlock-{officer.username}"' in page.content.decode()
    membership = Membership.objects.get(user=officer, region=world["home"])
    response = admin.post(f"/r/luwu-utara/staf/akun-terkunci/{membership.pk}/buka/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=officer.username).exists()
    event = AuditEvent.objects.get(action="account.unlock")
    assert event.actor == world["users"]["region_admin"] and event.region == world["home"]
    assert event.before["failed_logins"] == settings.AXES_FAILURE_LIMIT and event.after["failed_logins"] == 0
    admin.logout()
    assert _guess(admin, officer.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("who", ["other_admin", "tim_pelaksana", "dewan", "agency_officer", "citizen", "evaluator"])
def test_only_the_regions_admin_may_unlock(world, officer, client, client_for, settings, who):
    _lock(client, officer, settings)
    membership = Membership.objects.get(user=officer, region=world["home"])
    other = client_for(world["users"][who])
    assert other.get("/r/luwu-utara/staf/akun-terkunci/").status_code == 403
    assert other.post(f"/r/luwu-utara/staf/akun-terkunci/{membership.pk}/buka/").status_code == 403
    assert AccessAttempt.objects.filter(username=officer.username).exists()
    assert not AuditEvent.objects.filter(action="account.unlock").exists()


def test_admin_of_another_region_cannot_unlock_through_their_own_region(world, officer, client, client_for, settings):
    _lock(client, officer, settings)
    membership = Membership.objects.get(user=officer, region=world["home"])
    other = client_for(world["users"]["other_admin"])
    assert other.post(f"/r/maros/staf/akun-terkunci/{membership.pk}/buka/").status_code == 404
    assert "unlock-" not in other.get("/r/maros/staf/akun-terkunci/").content.decode()
    assert AccessAttempt.objects.filter(username=officer.username).exists()


def test_a_lock_of_someone_outside_the_region_is_not_listed(world, client, client_for, settings):
    stranger = MembershipFactory(region=world["other"], role="citizen", user=UserFactory(username="jauh")).user
    _lock(client, stranger, settings)
    page = client_for(world["users"]["region_admin"]).get("/r/luwu-utara/staf/akun-terkunci/")
    assert 'data-testid="no-locked-accounts"' in page.content.decode()
