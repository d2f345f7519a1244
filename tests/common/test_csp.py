"""The Content-Security-Policy: on every HTML page, enforced, relaxed only for the API docs."""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from kotacerdas.common.csp import site_directives, tile_source
from kotacerdas.common.files import FILE_CSP

PUBLIC_PAGES = [
    "/wilayah/",
    "/r/luwu-utara/",
    "/r/luwu-utara/dimensi/governance/",
    "/r/luwu-utara/program/GOV-01/",
    "/r/luwu-utara/aduan/",
    "/r/luwu-utara/gagasan/",
    "/r/luwu-utara/mitra/",
    "/akun/masuk/",
]
STAFF_PAGES = [
    "/staf/",
    "/r/luwu-utara/staf/",
    "/r/luwu-utara/staf/audit/",
    "/r/luwu-utara/monev/",
    "/r/luwu-utara/rencana/",
]


def _directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def _assert_site_policy(response):
    assert response["Content-Type"].startswith("text/html")
    policy = _directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert {"'self'", "data:"} <= set(policy["img-src"])
    assert "Content-Security-Policy-Report-Only" not in response.headers


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_the_policy_also_from_the_page_cache(client, world, url):
    first = client.get(url)
    assert first.status_code == 200, url
    _assert_site_policy(first)
    _assert_site_policy(client.get(url))  # the second answer of a cached page comes from the cache


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_carry_the_policy(client_for, world, url):
    response = client_for(world["users"]["region_admin"]).get(url)
    assert response.status_code == 200, url
    _assert_site_policy(response)


@pytest.mark.parametrize(("who", "url"), [(None, "/r/tidak-ada/"), ("other_admin", "/r/luwu-utara/staf/audit/")])
def test_error_pages_carry_the_policy(client_for, world, who, url):
    response = client_for(world["users"].get(who)).get(url)
    assert response.status_code in (403, 404)
    _assert_site_policy(response)


def test_swagger_ui_relaxes_styles_only_and_loads_its_start_script_as_a_file(client, db):
    page = client.get("/api/docs/")
    policy = _directives(page)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    html = page.content.decode()
    assert "<script>" not in html and "/api/docs/?script=" in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_redoc_gets_its_own_policy(client, db):
    policy = _directives(client.get("/api/redoc/"))
    assert policy["script-src"] == ["'self'"]
    assert "blob:" in policy["worker-src"]
    assert "'unsafe-inline'" in policy["style-src"]


def test_a_stored_file_keeps_its_stricter_policy():
    """A view that sets its own header (stored files run nothing) is not overwritten by the site policy."""
    response = HttpResponse("x")
    response["Content-Security-Policy"] = FILE_CSP
    out = CSPMiddleware(lambda request: response)(RequestFactory().get("/x"))
    assert out["Content-Security-Policy"] == FILE_CSP


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.id/{z}/{x}/{y}.png", "https://*.tile.example.id"),
        ("http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png", "http://10.0.0.5:8080"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("", None),
    ],
)
def test_tile_source(url, source):
    assert tile_source(url) == source


def test_the_tile_host_is_allowed_for_images_only_when_set():
    assert site_directives(tile_url="")["img-src"] == ["'self'", "data:", "blob:"]
    with_tiles = site_directives(tile_url="https://tiles.example.id/{z}/{x}/{y}.png")
    assert with_tiles["img-src"][-1] == "https://tiles.example.id"
    assert with_tiles["script-src"] == ["'self'"]
