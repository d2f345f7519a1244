"""The JSON API under bad input: a ceiling on page size, NUL bytes, HEAD without a body."""

import io
import sys

import pytest
from django.core.wsgi import get_wsgi_application

from kotacerdas.common.api import MAX_PAGE_SIZE
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

PROGRAMMES = "/api/v1/regions/luwu-utara/programmes/"


@pytest.fixture
def many_programmes(world):
    dims = world["home_dims"]
    for n in range(MAX_PAGE_SIZE + 5):
        ProgrammeFactory(masterplan=world["home_plan"], code=f"X-{n:03}", dimension=dims["governance"])
    return world


def test_a_huge_limit_is_served_as_the_maximum(many_programmes, client):
    body = client.get(PROGRAMMES, {"limit": 100000}).json()
    assert body["count"] == MAX_PAGE_SIZE + 6
    assert len(body["results"]) == MAX_PAGE_SIZE


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "99999999999999999999"},
        {"offset": "99999999999999999999"},
        {"limit": "-1", "offset": "-5"},
        {"limit": "abc"},
    ],
)
def test_impossible_paging_values_are_not_a_server_error(world, client, params):
    response = client.get(PROGRAMMES, params)
    assert response.status_code == 200
    assert len(response.json()["results"]) <= MAX_PAGE_SIZE


def test_the_schema_documents_the_maximum(world, client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    limit = next(
        p
        for p in schema["paths"]["/api/v1/regions/{region_slug}/programmes/"]["get"]["parameters"]
        if p["name"] == "limit"
    )
    assert limit["schema"]["maximum"] == MAX_PAGE_SIZE


@pytest.mark.parametrize(
    "url",
    [
        PROGRAMMES + "?dimension=%00",
        PROGRAMMES + "?quick_win=1%00",
        "/api/v1/regions/luwu-utara/programmes/GOV%00/",
        "/api/v1/regions/luwu-utara/reports/?category=%00x",
    ],
)
def test_a_nul_byte_answers_400_in_drf_format(world, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_the_nul_message_follows_the_visitors_language(world, client):
    assert "NUL" in client.get(PROGRAMMES + "?dimension=%00").json()["detail"]
    client.cookies["django_language"] = "en"
    assert client.get(PROGRAMMES + "?dimension=%00").json()["detail"].startswith("A request may not")


def test_head_has_no_body_with_the_test_client(world, client):
    response = client.head(PROGRAMMES)
    assert response.status_code == 200
    assert response.content == b""


def _wsgi(method: str, path: str) -> tuple[str, dict, bytes]:
    """Call the WSGI application the way gunicorn does, without Django's test client (which drops a HEAD
    body by itself)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    result = get_wsgi_application()(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return seen["status"], seen["headers"], body


@pytest.mark.parametrize("path", [PROGRAMMES, "/open311/v2/discovery.json", "/api/v1/regions/"])
def test_head_has_no_body_at_the_wsgi_level(world, path):
    status, headers, body = _wsgi("HEAD", path)
    assert status.startswith("200")
    assert body == b""
    _, get_headers, get_body = _wsgi("GET", path)
    assert get_body
    assert headers["Content-Type"] == get_headers["Content-Type"]
