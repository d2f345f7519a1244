"""Signed-in visitors on public pages (issue 18, target 3): one cached body, built as an anonymous visitor,
shared by every signed-in person, with only their personal header, messages and CSRF token rendered for them
(kotacerdas/common/personal.py). Read through the real cache and the real views; a request that reads no
report row was answered from the cached body."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token as _unmask
from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.common.cache import invalidate_public_pages
from kotacerdas.common.personal import CSRF_PLACEHOLDER, as_anonymous, splice
from kotacerdas.regions.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.otp import force_login_verified

from .conftest import submit

pytestmark = pytest.mark.django_db

HOME = "/r/luwu-utara/"
REPORTS = "/r/luwu-utara/aduan/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def citizen(world, username, first_name):
    user = UserFactory(username=username, first_name=first_name, last_name="Warga")
    MembershipFactory(region=world["home"], role=Membership.Role.CITIZEN, user=user)
    return user


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    force_login_verified(client, user)
    return client


def read(client, path) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


def built(sql: list[str], table: str) -> bool:
    """Whether the view ran (it read `table`), rather than the shared body coming from the cache."""
    return any(f'"{table}"' in q for q in sql)


def test_each_person_sees_their_own_header_on_one_shared_body(aduan):
    submit(aduan)
    ani, budi = citizen(aduan, "ani", "Ani"), citizen(aduan, "budi", "Budi")
    staff = aduan["users"]["tim_pelaksana"]
    page, sql = read(signed_in(ani), REPORTS)
    assert built(sql, "participation_report")
    assert "Ani Warga" in page and "Budi" not in page
    assert 'data-testid="staff-area-link"' not in page  # a citizen has no staff pages
    page, sql = read(signed_in(budi), REPORTS)
    assert not built(sql, "participation_report"), "the second person's page was built again"
    assert "Budi Warga" in page and "Ani" not in page
    page, sql = read(signed_in(staff), REPORTS)
    assert not built(sql, "participation_report")
    assert 'data-testid="staff-area-link"' in page and "Budi" not in page and "Ani" not in page
    page, _ = read(Client(), REPORTS)  # the anonymous page is cached on its own, with the sign-in link
    assert 'data-testid="login-link"' in page and "Warga" not in page and "kc-personal" not in page
    assert 'data-testid="logout-button"' not in page


def test_the_body_is_built_as_an_anonymous_visitor(aduan):
    """Whoever builds the shared body, nothing of theirs is in it: the staff member who builds it first does not
    leave their name or links for the citizen after them."""
    staff = aduan["users"]["region_admin"]
    read(signed_in(staff), HOME)
    page, sql = read(signed_in(citizen(aduan, "ani", "Ani")), HOME)
    assert not built(sql, "masterplan_masterplan")
    assert staff.get_username() not in page
    assert 'data-testid="staff-area-link"' not in page and "Ani Warga" in page


def test_csrf_works_on_the_cached_body_for_two_people(aduan):
    """The logout form of the personal header carries each person's own token: each can post it, neither can
    post the other's."""
    ani, budi = citizen(aduan, "ani", "Ani"), citizen(aduan, "budi", "Budi")
    clients = {"ani": signed_in(ani, enforce_csrf_checks=True), "budi": signed_in(budi, enforce_csrf_checks=True)}
    tokens = {}
    for name, client in clients.items():
        page, _ = read(client, HOME)
        tokens[name] = TOKEN.search(page).group(1)
        assert CSRF_PLACEHOLDER not in page
    assert tokens["ani"] != tokens["budi"]
    logout = reverse("accounts:logout")
    assert clients["budi"].post(logout, {"csrfmiddlewaretoken": tokens["ani"]}).status_code == 403
    for name, client in clients.items():
        assert client.post(logout, {"csrfmiddlewaretoken": tokens[name]}).status_code == 302


def test_a_token_in_the_body_is_the_persons_own(aduan):
    """A form in a shared body: its token is a placeholder while the body is built, the person's at splice."""
    ani = citizen(aduan, "ani", "Ani")
    request = RequestFactory().get(HOME)
    request.user, request.session = ani, {}
    request._messages = FallbackStorage(request)
    template = Template("{% csrf_token %}<i>{{ user.get_username }}</i>")
    with as_anonymous(request):
        body = template.render(RequestContext(request, {}))
    assert CSRF_PLACEHOLDER in body and "ani" not in body
    page = splice(request, HttpResponse(body), region_slug="luwu-utara").content.decode()
    assert CSRF_PLACEHOLDER not in page
    token = TOKEN.search(page).group(1)
    assert len(token) == 64 and _unmask(token) == request.META["CSRF_COOKIE"]


def test_a_persons_messages_are_theirs_only(aduan):
    """Budi builds the shared body while a message waits for him: he reads it, Ani after him does not."""
    ani, budi = citizen(aduan, "ani", "Ani"), citizen(aduan, "budi", "Budi")
    client = signed_in(budi)
    client.cookies["messages"] = CookieStorage(RequestFactory().get(HOME))._encode(
        [Message(constants.SUCCESS, "Pesan untuk Budi")]
    )
    page, sql = read(client, HOME)
    assert built(sql, "masterplan_masterplan") and "Pesan untuk Budi" in page
    page, sql = read(signed_in(ani), HOME)
    assert not built(sql, "masterplan_masterplan") and "Pesan untuk Budi" not in page
    assert "Pesan untuk Budi" not in read(client, HOME)[0]  # shown once


def test_a_change_retires_exactly_the_shared_pages_it_should(aduan, django_capture_on_commit_callbacks):
    ani = citizen(aduan, "ani", "Ani")
    client = signed_in(ani)
    for path in (HOME, REPORTS):
        read(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        submit(aduan, description="Lampu jalan padam di Jalan Andi Djemma")
    page, sql = read(client, REPORTS)
    assert built(sql, "participation_report") and "Lampu jalan padam" in page
    _, sql = read(client, HOME)
    assert not built(sql, "masterplan_masterplan"), "a report retired the region home"
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_public_pages("luwu-utara")  # a change of the whole region
    _, sql = read(client, HOME)
    assert built(sql, "masterplan_masterplan")


def test_pages_about_the_person_are_built_for_them(aduan):
    """The ideas list shows "My ideas" and proposing to a signed-in person: it is not shared."""
    ani = citizen(aduan, "ani", "Ani")
    read(Client(), "/r/luwu-utara/gagasan/")
    page, _ = read(signed_in(ani), "/r/luwu-utara/gagasan/")
    assert 'data-testid="my-ideas-link"' in page


def test_a_new_name_or_role_shows_in_the_header_at_once(aduan):
    """The header is rendered once per language, region, name and kind of account (accounts/header.py): a name
    changed, or a citizen given a staff role, gets the new header on the very next request."""
    ani = citizen(aduan, "ani", "Ani")
    client = signed_in(ani)
    page, _ = read(client, HOME)
    assert "Ani Warga" in page and 'data-testid="staff-area-link"' not in page
    ani.first_name = "Anita"
    ani.save()
    page, _ = read(client, HOME)
    assert "Anita Warga" in page and "Ani Warga" not in page
    MembershipFactory(region=aduan["home"], role=Membership.Role.TIM_PELAKSANA, user=ani)
    page, _ = read(client, HOME)
    assert 'data-testid="staff-area-link"' in page
    client.cookies["django_language"] = "en"  # the same person, the site in English
    page, _ = read(client, HOME)
    assert "My account" in page and "Akun saya" not in page
