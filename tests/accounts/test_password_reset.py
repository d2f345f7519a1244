"""Resetting a forgotten password by e-mail from the region's sign-in page: the same answer for a known and
an unknown address, a link built from SITE_URL, the new password set once and audited, rate limits; and the
region admin's temporary password for a citizen who signed up with a phone number."""

import re

import pytest
from django.core import mail
from django.utils import translation

from kotacerdas.accounts import passwords
from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.ideas.signup import citizen_register
from kotacerdas.regions.models import Membership
from tests.roles import ALL_USERS

RESET = "/r/luwu-utara/masuk/lupa-sandi/"
PASSWORD = "benar-sekali-123"


@pytest.fixture
def warga(world):
    return citizen_register(region=world["home"], identifier="Rina@Example.org", password=PASSWORD, welcome=False)


@pytest.fixture
def phone_warga(world):
    return citizen_register(region=world["home"], identifier="0812 5555 6666", password=PASSWORD, welcome=False)


def test_known_and_unknown_address_get_the_same_answer(warga, client, settings):
    settings.SITE_URL = "http://127.0.0.1:8130"
    known = client.post(RESET, {"email": "rina@example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/r/luwu-utara/masuk/lupa-sandi/terkirim/"
    assert client.get(known["Location"]).status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rina@example.org"]
    body = mail.outbox[0].body
    assert re.search(r"http://127\.0\.0\.1:8130/r/luwu-utara/masuk/sandi-baru/\w+/[\w-]+/", body)
    assert world_name(warga) in mail.outbox[0].subject


def world_name(user) -> str:
    return Membership.objects.get(user=user).region.display_name


def test_the_link_sets_a_new_password_once_audited_and_lifts_a_lockout(warga, client, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/r/luwu-utara/masuk/", {"username": "rina@example.org", "password": f"salah-{i}"})
    assert (
        client.post("/r/luwu-utara/masuk/", {"username": "rina@example.org", "password": PASSWORD}).status_code == 429
    )
    client.post(RESET, {"email": "RINA@example.org"})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert 'data-testid="set-password-form"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 400 and 'data-testid="error-new_password2"' in weak.content.decode()
    done = client.post(set_url, {"new_password1": "kopi-baru-2025", "new_password2": "kopi-baru-2025"})
    assert done.status_code == 302 and done["Location"] == "/r/luwu-utara/masuk/sandi-baru/selesai/"
    warga.refresh_from_db()
    assert warga.check_password("kopi-baru-2025")
    event = AuditEvent.objects.get(action="account.password_reset")
    assert event.actor == warga and "kopi" not in str(event.after) and event.after["failed_logins_cleared"] >= 1
    again = client.get(link, follow=True).content.decode()
    assert 'data-testid="invalid-link"' in again  # the link worked once
    assert (
        client.post("/r/luwu-utara/masuk/", {"username": "rina@example.org", "password": "kopi-baru-2025"}).status_code
        == 302
    )


def test_bad_input_gets_a_message_and_sends_nothing(world, client):
    response = client.post(RESET, {"email": "bukan-alamat"})
    assert response.status_code == 400 and 'data-testid="error-email"' in response.content.decode()
    assert client.post(RESET, {}).status_code == 400
    assert not mail.outbox


def test_per_address_limit_answers_the_same_and_sends_no_more(warga, client):
    answers = [client.post(RESET, {"email": "rina@example.org"}, REMOTE_ADDR=f"10.0.0.{i}") for i in range(5)]
    assert {a.status_code for a in answers} == {302}
    assert len(mail.outbox) == passwords_limit()


def passwords_limit() -> int:
    from kotacerdas.accounts.citizen_views import RESET_PER_ADDRESS

    return RESET_PER_ADDRESS


def test_per_client_limit_refuses_with_a_message(world, client):
    client.cookies["django_language"] = "en"
    for i in range(10):
        assert client.post(RESET, {"email": f"orang{i}@example.org"}).status_code == 302
    refused = client.post(RESET, {"email": "orang99@example.org"})
    assert refused.status_code == 429 and "Too many requests from this connection" in refused.content.decode()


# --- the region admin's temporary password for a phone-only citizen -----------------------------------------


def test_region_admin_gives_a_phone_citizen_a_temporary_password(phone_warga, world, client_for):
    client = client_for(world["users"]["region_admin"])
    response = client.post("/r/luwu-utara/staf/warga/sandi/", {"identifier": "0812-5555-6666"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = re.search(r'data-testid="temporary-password">([^<]+)<', response.content.decode()).group(1)
    phone_warga.refresh_from_db()
    assert phone_warga.check_password(password)
    event = AuditEvent.objects.get(action="account.password_reset_by_admin")
    assert event.actor == world["users"]["region_admin"] and event.region_id == world["home"].pk
    assert password not in str(event.after) and password not in str(event.before)


@pytest.mark.parametrize("target", ["agency_officer", "region_admin", "partner", "unknown", "other_region"])
def test_staff_partners_strangers_and_unknown_numbers_cannot_be_reset(world, phone_warga, client_for, target):
    client = client_for(world["users"]["region_admin"])
    client.cookies["django_language"] = "en"
    if target == "other_region":
        citizen_register(region=world["other"], identifier="0813 1111 2222", password=PASSWORD, welcome=False)
        identifier = "081311112222"
    elif target == "unknown":
        identifier = "0899 0000 1111"
    else:
        # Staff and partners with a phone as username who are also citizens of the region.
        user = world["users"][target]
        identifier = user.username = "+62812999900" + str(len(target))
        user.save()
        Membership.objects.create(region=world["home"], user=user, role="citizen")
    before = {u.pk: u.password for u in type(phone_warga).objects.all()}
    response = client.post("/r/luwu-utara/staf/warga/sandi/", {"identifier": identifier})
    assert response.status_code == 400
    assert "No citizen account of this region has that e-mail address or phone number." in response.content.decode()
    assert before == {u.pk: u.password for u in type(phone_warga).objects.all()}
    assert not AuditEvent.objects.filter(action="account.password_reset_by_admin").exists()


def test_bad_identifier_is_a_form_error(world, client_for):
    client = client_for(world["users"]["region_admin"])
    assert client.post("/r/luwu-utara/staf/warga/sandi/", {"identifier": "bukan nomor"}).status_code == 400
    assert client.post("/r/luwu-utara/staf/warga/sandi/", {}).status_code == 400


@pytest.mark.parametrize("who", ALL_USERS)
def test_only_the_region_admin_may(world, phone_warga, client_for, who):
    client = client_for(world["users"][who])
    response = client.post("/r/luwu-utara/staf/warga/sandi/", {"identifier": "0812-5555-6666"})
    if who == "region_admin":
        assert response.status_code == 200
    elif who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    else:
        assert response.status_code in (403, 404)
    phone_warga.refresh_from_db()
    assert phone_warga.check_password(PASSWORD) is (who != "region_admin")


def test_the_service_checks_permission_itself(world, phone_warga):
    with translation.override("en"), pytest.raises(ApplicationError):
        passwords.citizen_password_reset_by_admin(
            actor=world["users"]["other_admin"], region=world["home"], identifier="0812 5555 6666"
        )
    phone_warga.refresh_from_db()
    assert phone_warga.check_password(PASSWORD)
