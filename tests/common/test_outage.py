"""A database outage: liveness stays up, readiness and every interface answer 503 in their own format."""

import json
from xml.etree import ElementTree as ET

import pytest
from django.conf import settings
from django.test import override_settings

PAGES = ["/", "/r/luwu-utara/", "/r/luwu-utara/program/GOV-01/", "/r/luwu-utara/aduan/"]


def test_healthz_stays_up_while_the_database_is_down(database_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_readyz_names_the_database_when_it_is_down(database_down, client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failed": ["database"],
        "checks": {"database": "failed", "cache": "ok"},
    }


@pytest.mark.parametrize("path", PAGES)
def test_html_pages_answer_a_friendly_503_in_indonesian(database_down, client, path):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"]
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Sementara tidak tersedia" in html


def test_html_503_follows_the_chosen_language(database_down, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/r/luwu-utara/").content.decode()
    assert '<html lang="en">' in html and "Temporarily unavailable" in html


def test_a_login_attempt_answers_503(database_down, client):
    response = client.post("/akun/masuk/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 503
    assert "Sementara tidak tersedia" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/regions/", "/api/v1/regions/luwu-utara/programmes/"])
def test_api_answers_503_as_drf_json(database_down, client, path):
    response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Layanan sedang tidak tersedia. Silakan coba lagi sebentar lagi."}


def test_api_503_in_english(database_down, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/api/v1/regions/")
    assert response.json() == {"detail": "The service is temporarily unavailable. Please try again in a moment."}


def test_open311_answers_503_in_the_spec_json_format(database_down, client):
    response = client.get("/open311/v2/services.json", {"jurisdiction_id": "luwu-utara"})
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == [{"code": 503, "description": "Layanan sedang tidak tersedia. Silakan coba lagi sebentar lagi."}]


@pytest.mark.parametrize("path", ["/open311/v2/services.xml", "/open311/v2/requests.xml", "/open311/v2/requests/1.xml"])
def test_open311_answers_503_in_the_spec_xml_format(database_down, client, path):
    response = client.get(path, {"jurisdiction_id": "luwu-utara"})
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "errors"
    assert root.find("error/code").text == "503"
    assert root.find("error/description").text.startswith("Layanan sedang tidak tersedia")


def test_open311_post_answers_503(database_down, client):
    response = client.post("/open311/v2/requests.json", {"jurisdiction_id": "luwu-utara", "api_key": "x"})
    assert response.status_code == 503
    assert json.loads(response.content)[0]["code"] == 503


REDIS_DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
    }
}


def test_readyz_is_ready_when_database_and_cache_answer(db, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failed": [], "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("ignore_exceptions", [True, False])
def test_readyz_names_the_cache_when_redis_is_down(db, client, ignore_exceptions):
    config = {"default": {**REDIS_DOWN["default"], "OPTIONS": {"IGNORE_EXCEPTIONS": ignore_exceptions}}}
    with override_settings(CACHES=config):
        response = client.get("/readyz")
        assert client.get("/healthz").status_code == 200
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failed": ["cache"],
        "checks": {"database": "ok", "cache": "failed"},
    }
