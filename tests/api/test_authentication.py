"""API authentication: session or a hashed token; Basic auth is not read; failed tokens are throttled."""

import base64

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from kotacerdas.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

DRAFTS = "/api/v1/regions/maros/programmes/"  # Maros has a draft masterplan: only its staff see a programme


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "token"])
def test_a_token_acts_as_its_user(world, client, scheme):
    admin = world["users"]["other_admin"]
    _, key = api_token_create(user=admin, name="dashboard", actor=admin)
    assert client.get(DRAFTS, HTTP_AUTHORIZATION=f"{scheme} {key}").json()["count"] == 1
    assert client.get(DRAFTS).json()["count"] == 0


def test_a_revoked_token_is_refused(world, client):
    admin = world["users"]["other_admin"]
    token, key = api_token_create(user=admin, name="dashboard", actor=admin)
    api_token_revoke(token=token, actor=admin)
    client.cookies["django_language"] = "en"
    response = client.get(DRAFTS, HTTP_AUTHORIZATION=f"Token {key}")
    # 403, not 401: the session (the first authentication) names no WWW-Authenticate scheme.
    assert response.status_code == 403
    assert response.json()["detail"] == "The API token is not valid."


def test_basic_auth_is_ignored_and_never_checks_a_password(world, client, django_assert_max_num_queries):
    admin = world["users"]["other_admin"]
    admin.password = make_password("correct horse")
    admin.save()
    with override_settings(PASSWORD_HASHERS=["tests.api.hashers.ExplodingHasher"]):
        response = client.get(DRAFTS, HTTP_AUTHORIZATION=_basic("other_admin", "correct horse"))
    assert response.status_code == 200
    assert response.json()["count"] == 0  # served as to anybody


@pytest.mark.parametrize(
    "header",
    [
        "Basic " + base64.b64encode(b"other_admin\x00:pass\x00").decode(),
        "Token kc_\x00abc",
        "Bearer",
        "Token a b",
        "Token kc_" + "x" * 500,
    ],
)
def test_bad_credentials_are_not_a_server_error(world, client, header):
    response = client.get(DRAFTS, HTTP_AUTHORIZATION=header)
    assert response.status_code in (200, 403)


def test_a_token_header_with_non_ascii_bytes_is_refused(world, client):
    response = client.get(DRAFTS, HTTP_AUTHORIZATION="Token kc_é".encode().decode("latin-1"))
    assert response.status_code == 403


@override_settings(API_TOKEN_FAILURES_PER_HOUR=30)
def test_failed_token_attempts_are_throttled_before_any_lookup(world, client, django_assert_num_queries):
    codes = [client.get(DRAFTS, HTTP_AUTHORIZATION=f"Token kc_guess{n}").status_code for n in range(100)]
    assert codes[:30] == [403] * 30
    assert set(codes[30:]) == {429}
    with django_assert_num_queries(0):
        response = client.get("/api/v1/regions/", HTTP_AUTHORIZATION="Token kc_another")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # another client is not affected
    assert client.get("/api/v1/regions/", HTTP_AUTHORIZATION="Token kc_x", REMOTE_ADDR="10.0.0.9").status_code == 403


def test_endpoints_are_closed_unless_they_say_public(world, client):
    """A write endpoint without its own rule answers 403 to an anonymous caller, not the view's work."""
    response = client.post("/api/v1/regions/luwu-utara/reports/1/transition/", {})
    assert response.status_code == 403
    assert client.post("/api/v1/regions/", {}).status_code == 403
