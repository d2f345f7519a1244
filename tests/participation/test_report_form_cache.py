"""The report form page (issue 18, target 1): one cached body per region version, language and query, built as
an anonymous visitor, with each visitor's header, CSRF token and a fresh idempotency key put in
(common/personal.py). Through the real cache, views and middleware; a request that reads no category row was
answered from the cached body."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kotacerdas.common.personal import CSRF_PLACEHOLDER, FORM_KEY_PLACEHOLDER
from kotacerdas.participation import services
from kotacerdas.participation.models import Report
from tests.factories import MembershipFactory, UserFactory
from tests.otp import force_login_verified

from .conftest import INSIDE

pytestmark = pytest.mark.django_db

FORM = "/r/luwu-utara/aduan/baru/"
KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def read(client, path=FORM) -> tuple[str, bool]:
    """(the page, whether the view built it: it read the region's categories)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    built = any('"participation_reportcategory"' in q["sql"] for q in ctx.captured_queries)
    return response.content.decode(), built


def post(client, page, world, text) -> int:
    data = {
        "csrfmiddlewaretoken": TOKEN.search(page).group(1),
        "idempotency_key": KEY.search(page).group(1),
        "category": world["home_jalan"].pk,
        "description": text,
        "lat": INSIDE[0],
        "lon": INSIDE[1],
    }
    return client.post(FORM, data).status_code


def test_two_visitors_of_one_cached_body_each_get_their_own_key_and_token_and_both_reports_are_stored(aduan):
    ani, budi = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first, built_first = read(ani)
    second, built_second = read(budi)
    assert built_first and not built_second, "the second visitor's page was built again"
    for page in (first, second):
        assert re.fullmatch(r"[0-9a-f]{32}", KEY.search(page).group(1))
        assert CSRF_PLACEHOLDER not in page and FORM_KEY_PLACEHOLDER not in page and "kc-personal" not in page
    assert KEY.search(first).group(1) != KEY.search(second).group(1)
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)
    assert KEY.search(read(ani)[0]).group(1) != KEY.search(first).group(1)  # a fresh key on every answer
    assert post(ani, first, aduan, "Jalan berlubang (Ani)") == 302
    assert post(budi, second, aduan, "Lampu jalan mati (Budi)") == 302  # no conflict with Ani's key
    assert Report.objects.filter(region=aduan["home"]).count() == 2


def test_a_signed_in_citizen_sees_their_own_header_on_the_shared_body(aduan):
    user = UserFactory(username="citra", first_name="Citra", last_name="Warga")
    MembershipFactory(region=aduan["home"], role="citizen", user=user)
    read(Client())  # an anonymous visitor built it
    citizen = Client(enforce_csrf_checks=True)
    force_login_verified(citizen, user)
    page, built = read(citizen)
    assert not built and "Citra Warga" in page and 'data-testid="logout-button"' in page
    anonymous, _ = read(Client())
    assert "Citra" not in anonymous and 'data-testid="login-link"' in anonymous
    assert post(citizen, page, aduan, "Sampah menumpuk (Citra)") == 302
    assert Report.objects.get(description="Sampah menumpuk (Citra)").reporter == user


def test_each_language_and_query_has_its_own_body(aduan):
    indonesian, _ = read(Client())
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english, built = read(english_client)
    assert built and "Describe the problem" in english and "Describe the problem" not in indonesian
    district = aduan["home_village"].district_id
    narrowed, built = read(Client(), f"{FORM}?district={district}")
    assert built and narrowed != indonesian


def test_a_new_category_retires_the_cached_form(aduan, django_capture_on_commit_callbacks):
    read(Client())
    with django_capture_on_commit_callbacks(execute=True):
        services.category_save(
            region=aduan["home"],
            actor=aduan["users"]["region_admin"],
            code="banjir",
            name="Banjir dan genangan",
            kind="standard",
            agency=aduan["home_agency"],
        )
    page, built = read(Client())
    assert built and "Banjir dan genangan" in page


def test_an_anonymous_header_is_rendered_once_per_language_and_path_and_says_where_to_come_back(aduan):
    """The sign-in link of an anonymous visitor's header (common/personal.py `_ANONYMOUS_HEADERS`): rendered once
    per language and path, with that path as its `next`, in the visitor's language; a signed-in visitor's header
    is never taken from it."""
    from kotacerdas.common import personal

    personal._ANONYMOUS_HEADERS.clear()
    login = re.compile(r'href="([^"]*)" data-testid="login-link">([^<]+)<')
    pages = {}
    for path in (FORM, f"{FORM}?district={aduan['home_district'].pk}"):
        for language in ("id", "en"):
            client = Client()
            client.cookies["django_language"] = language
            pages[path, language] = [login.search(client.get(path).content.decode()).groups() for _ in range(2)]
    assert len(personal._ANONYMOUS_HEADERS) == 4
    for (path, language), (first, again) in pages.items():
        assert first == again
        assert first[0].endswith("?next=" + path.replace("?", "%3F").replace("=", "%3D"))
        assert first[1] == {"id": "Masuk", "en": "Log in"}[language]
    citizen = UserFactory()
    MembershipFactory(user=citizen, region=aduan["home"], role="citizen")
    signed_in = Client()
    force_login_verified(signed_in, citizen)
    page = signed_in.get(FORM).content.decode()
    assert 'data-testid="signed-in-name"' in page and "login-link" not in page
