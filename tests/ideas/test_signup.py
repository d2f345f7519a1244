"""Citizen sign-up within a region: e-mail or normalised phone as username, duplicates, password rules."""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import translation

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.ideas.signup import citizen_register, normalise_identifier
from kotacerdas.regions.models import Membership

URL = "/r/luwu-utara/daftar/"


@pytest.mark.parametrize(
    "raw,expected",
    [
        (" Budi@Example.ORG ", "budi@example.org"),
        ("0812-3456-7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 (812) 3456.7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
    ],
)
def test_identifier_normalised(raw, expected):
    assert normalise_identifier(raw) == expected


@pytest.mark.parametrize("raw", ["", "budi@", "12345", "+1 415 555 0100", "0812abc"])
def test_identifier_refused(raw):
    with pytest.raises(ApplicationError) as exc:
        normalise_identifier(raw)
    assert "identifier" in exc.value.fields


def test_signup_creates_citizen_and_logs_in(world, client):
    r = client.post(
        URL, {"name": "Rina", "identifier": "0812 1111 2222", "password1": "kopi-seko-99", "password2": "kopi-seko-99"}
    )
    # The same answer as for a known phone (test below): "check your inbox or phone", then log in.
    assert r.status_code == 302
    assert r["Location"] == "/r/luwu-utara/daftar/terkirim/?next=%2Fr%2Fluwu-utara%2Fgagasan%2F"
    user = get_user_model().objects.get(username="+6281211112222")
    assert Membership.objects.filter(user=user, region=world["home"], role="citizen").exists()
    assert client.post("/akun/masuk/", {"username": "+6281211112222", "password": "kopi-seko-99"}).status_code == 302
    assert client.get("/r/luwu-utara/gagasan/baru/").status_code == 200  # logged in and allowed to propose


def test_duplicate_in_another_spelling_is_refused(world, client):
    """A known phone or e-mail gets the very answer a new one gets: no second account, nothing revealed."""
    citizen_register(region=world["home"], identifier="+62 812 1111 2222", password="kopi-seko-99")
    new = client.post(URL, {"identifier": "0812-3333-4444", "password1": "kopi-seko-99", "password2": "kopi-seko-99"})
    known = client.post(URL, {"identifier": "0812-1111-2222", "password1": "lain-kata-77", "password2": "lain-kata-77"})
    assert known.status_code == new.status_code == 302 and known["Location"] == new["Location"]
    assert "_auth_user_id" not in client.session  # neither logs anyone in
    page = client.get(known["Location"])
    assert page.status_code == 200 and "Periksa kotak masuk atau ponsel Anda" in page.content.decode()
    r = client.post(URL, {"identifier": "citizen", "password1": "kopi-seko-99", "password2": "kopi-seko-99"})
    assert r.status_code == 400
    assert get_user_model().objects.filter(username__contains="1111").count() == 1
    # The existing account kept its password.
    assert get_user_model().objects.get(username="+6281211112222").check_password("kopi-seko-99")


def test_known_email_owner_is_told_by_email(world, client, mailoutbox, django_capture_on_commit_callbacks):
    with translation.override("id"):  # Budi signed up in Indonesian: his e-mails are written in it
        citizen_register(region=world["home"], identifier="budi@example.org", password="kopi-seko-99")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = client.post(
            URL, {"identifier": "ani@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-99"}
        )
        known = client.post(
            URL, {"identifier": " Budi@Example.ORG", "password1": "lain-kata-77", "password2": "lain-kata-77"}
        )
    assert new["Location"] == known["Location"]
    assert [m.to for m in mailoutbox] == [["ani@example.org"], ["budi@example.org"]]
    assert "sudah memiliki akun" in mailoutbox[1].body and "lain-kata-77" not in mailoutbox[1].body
    assert get_user_model().objects.filter(username="budi@example.org").count() == 1


def test_the_demo_people_get_no_welcome(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = citizen_register(
            region=world["home"], identifier="contoh@example.org", password="kopi-seko-99", welcome=False
        )
    assert user is not None and mailoutbox == []


def test_weak_or_mismatched_password_refused(world, client):
    r = client.post(URL, {"identifier": "a@example.org", "password1": "123", "password2": "123"})
    assert r.status_code == 400 and "password1" in r.context["form"].errors
    r = client.post(URL, {"identifier": "a@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-98"})
    assert r.status_code == 400 and "password2" in r.context["form"].errors
    assert not get_user_model().objects.filter(username="a@example.org").exists()


def test_next_must_stay_on_site(world, client):
    r = client.post(
        URL + "?next=https://evil.example/",
        {"identifier": "b@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-99"},
    )
    # The off-site `next` is dropped: the answer page then sends the person to the region's ideas.
    assert r["Location"] == "/r/luwu-utara/daftar/terkirim/?next=%2Fr%2Fluwu-utara%2Fgagasan%2F"


def test_member_of_other_region_joins_as_citizen(world, client_for):
    client = client_for(world["users"]["other_admin"])
    assert client.get(URL).status_code == 200
    r = client.post(URL, {"join": "1", "next": "/r/luwu-utara/gagasan/1/"})
    assert r.status_code == 302 and r["Location"] == "/r/luwu-utara/gagasan/1/"
    assert Membership.objects.filter(user=world["users"]["other_admin"], region=world["home"], role="citizen").exists()


def test_signup_flood_limited_per_ip(world, client):
    for i in range(10):
        data = {"identifier": f"w{i}@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-99"}
        assert client.post(URL, data).status_code == 302
        client.logout()
    data = {"identifier": "w99@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-99"}
    assert client.post(URL, data).status_code == 429


def test_phone_login_backend(world, client, settings):
    settings.AUTHENTICATION_BACKENDS = [
        "kotacerdas.ideas.backends.IdentifierBackend",
        *settings.AUTHENTICATION_BACKENDS,
    ]
    citizen_register(region=world["home"], identifier="+62 812 1111 2222", password="kopi-seko-99")
    assert client.login(request=HttpRequest(), username="0812-1111-2222", password="kopi-seko-99")
    assert not client.login(request=HttpRequest(), username="0812-1111-2222", password="wrong")
    assert client.login(request=HttpRequest(), username="+6281211112222", password="kopi-seko-99")
