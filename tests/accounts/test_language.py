"""A person's language for e-mails and notices (issue #16): chosen on "My account" or the sign-in settings,
set from the language a citizen signs up in, audited; every e-mail and notice is written in it, whatever
language the sender (or the job) was using."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from kotacerdas.accounts import services
from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.models import Notification
from kotacerdas.common.notify import email_notifications, in_recipient_language, notify, recipient_language
from kotacerdas.ideas.signup import citizen_register
from tests.factories import UserFactory
from tests.otp import force_login_verified

PASSWORD = "benar-sekali-123"


@pytest.mark.parametrize(("active", "subject"), [("en", "Your account on"), ("id", "Akun Anda di")])
def test_a_citizen_signs_up_in_the_active_language_and_is_welcomed_in_it(
    world, active, subject, django_capture_on_commit_callbacks
):
    with translation.override(active), django_capture_on_commit_callbacks(execute=True):
        user = citizen_register(region=world["home"], identifier="rina@example.org", password=PASSWORD)
    assert user.language == active
    assert mail.outbox[-1].subject.startswith(subject)


def test_the_signup_form_records_the_page_language(world, client):
    client.cookies["django_language"] = "en"
    response = client.post(
        "/r/luwu-utara/daftar/",
        {"identifier": "budi@example.org", "name": "Budi", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="budi@example.org").language == "en"


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Your report ABC is now: X. Y"), ("id", "Aduan Anda ABC kini berstatus: X. Y")],
)
def test_a_notice_is_written_and_emailed_in_each_recipients_language(
    world, language, message, django_capture_on_commit_callbacks
):
    person = UserFactory(language=language)
    translated = translation.gettext_noop("Your report %(code)s is now: %(status)s. %(text)s")
    sender = "en" if language == "id" else "id"  # whatever language the sender reads
    with translation.override(sender), django_capture_on_commit_callbacks(execute=True):
        notify(
            region_id=world["home"].pk,
            users=[person],
            key="k:lang",
            message=lambda: translation.gettext(translated) % {"code": "ABC", "status": "X", "text": "Y"},
            url="/x/",
        )
    assert Notification.objects.get(user=person).message == message
    assert mail.outbox[-1].body.startswith(message) and message in mail.outbox[-1].subject


def test_a_plain_string_notice_is_stored_as_given(world):
    person = UserFactory(language="en")
    notify(region_id=world["home"].pk, users=[person], key="k:s", message="Halo", url="/x/")
    assert email_notifications.call() == 1 and mail.outbox[-1].body.startswith("Halo")


def test_the_recipient_language_of_a_user_an_address_and_a_stranger(db):
    UserFactory(username="ann", email="Ann@example.org", language="en")
    assert recipient_language(UserFactory(language="en")) == "en"
    assert recipient_language(address="ann@EXAMPLE.org") == "en"
    assert recipient_language(address="nobody@example.org") == "id"  # the site's default
    assert recipient_language(None) == "id"
    with translation.override("id"), in_recipient_language(address="ann@example.org"):
        assert translation.get_language() == "en"


@pytest.mark.parametrize(("language", "subject"), [("en", "A new password for"), ("id", "Kata sandi baru untuk")])
def test_the_password_reset_email_is_in_the_account_holders_language(world, client, language, subject):
    user = citizen_register(region=world["home"], identifier="rina@example.org", password=PASSWORD, welcome=False)
    user.language = language
    user.save()
    client.cookies["django_language"] = "id" if language == "en" else "en"  # the form in the other language
    assert client.post("/r/luwu-utara/masuk/lupa-sandi/", {"email": "rina@example.org"}).status_code == 302
    assert mail.outbox[-1].subject.startswith(subject)


# --- choosing the language ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "page"),
    [("citizen", "/r/luwu-utara/akun/"), ("agency_officer", "/akun/keamanan/"), ("region_admin", "/akun/keamanan/")],
)
def test_each_person_sets_their_language_on_their_own_account_page(world, client, who, page):
    user = world["users"][who]
    force_login_verified(client, user)
    html = client.get(page).content.decode()
    assert 'data-testid="language-preference"' in html and 'action="/akun/bahasa/"' in html
    response = client.post("/akun/bahasa/", {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert response.cookies["django_language"].value == "en"  # the site follows
    user.refresh_from_db()
    assert user.language == "en"
    event = AuditEvent.objects.get(action="account.language")
    assert (event.actor, event.before, event.after) == (user, {"language": "id"}, {"language": "en"})
    page_html = client.get(page).content.decode()
    assert "E-mails and notices will reach you in English." in page_html
    assert re.search(r'<option value="en" selected>', page_html)


def test_a_bad_language_is_a_clear_message_and_changes_nothing(world, client):
    user = world["users"]["citizen"]
    client.force_login(user)
    response = client.post("/akun/bahasa/", {"language": "fr", "next": "/r/luwu-utara/akun/"}, follow=True)
    assert response.status_code == 200
    assert "Pilih salah satu bahasa yang tersedia." in response.content.decode()
    user.refresh_from_db()
    assert user.language == "id" and not AuditEvent.objects.filter(action="account.language").exists()


def test_anonymous_visitors_are_sent_to_sign_in_and_get_refuses(world, client):
    response = client.post("/akun/bahasa/", {"language": "en"})
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    client.force_login(world["users"]["citizen"])
    assert client.get("/akun/bahasa/").status_code == 405


def test_an_unsafe_next_goes_back_to_the_settings(world, client):
    client.force_login(world["users"]["citizen"])
    response = client.post("/akun/bahasa/", {"language": "en", "next": "https://evil.example.org/"})
    assert response["Location"] == "/akun/keamanan/"


@pytest.mark.parametrize("who", ["region_admin", "other_admin", "evaluator"])
def test_nobody_but_the_person_chooses_their_language(world, who):
    with pytest.raises(ApplicationError, match="bahasa Anda sendiri"):
        services.user_language_set(user=world["users"]["citizen"], language="en", actor=world["users"][who])
    root = UserFactory(is_superuser=True)
    assert services.user_language_set(user=world["users"]["citizen"], language="en", actor=root).language == "en"
