"""One client-address rule and one rate limiter: bursts over a limit are refused even when interleaved with
hundreds of distinct URLs (which fill the page cache) and with forged X-Forwarded-For headers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework.request import Request

from config.settings import base as base_settings
from kotacerdas.common.clientip import client_ip
from kotacerdas.common.throttling import AnonRateThrottle

SIGNUP = "/r/luwu-utara/daftar/"
NGINX = "127.0.0.1"


def _signup(client, n, **headers):
    data = {"identifier": f"w{n}@example.org", "password1": "kopi-seko-99", "password2": "kopi-seko-99"}
    response = client.post(SIGNUP, data, REMOTE_ADDR=NGINX, **headers)
    client.logout()
    return response.status_code


def _flood_pages(client, count=400):
    for n in range(count):
        assert client.get(f"/r/luwu-utara/gagasan/?q={n}", REMOTE_ADDR=NGINX).status_code == 200


@pytest.mark.parametrize(
    "proxies,xff,expected",
    [
        (0, "", "10.0.0.1"),
        (0, "9.9.9.9", "10.0.0.1"),  # no proxy configured: the header is the client's claim
        (1, "9.9.9.9", "9.9.9.9"),
        (1, "1.1.1.1, 9.9.9.9", "9.9.9.9"),  # forged entries left of our proxy's are ignored
        (1, "garbage", "10.0.0.1"),
        (2, "1.1.1.1, 2.2.2.2, 9.9.9.9", "2.2.2.2"),
        (2, "9.9.9.9", "10.0.0.1"),  # fewer entries than proxies: not through our chain
    ],
)
def test_client_ip_rule(settings, proxies, xff, expected):
    settings.CLIENT_IP_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": xff} if xff else {}
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **headers)) == expected


def test_signup_limit_survives_page_flood_and_forged_headers(world, client, settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    real = "203.0.113.7"
    for n in range(10):
        assert _signup(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {real}") == 302
    assert _signup(client, 10, HTTP_X_FORWARDED_FOR=real) == 429
    _flood_pages(client)
    for n in range(11, 16):
        assert _signup(client, n, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {real}") == 429


def test_clients_behind_the_proxy_have_their_own_quota(world, client, settings):
    settings.CLIENT_IP_PROXY_COUNT = 1
    for n in range(10):
        assert _signup(client, n, HTTP_X_FORWARDED_FOR="203.0.113.7") == 302
    assert _signup(client, 10, HTTP_X_FORWARDED_FOR="203.0.113.7") == 429
    assert _signup(client, 11, HTTP_X_FORWARDED_FOR="203.0.113.8") == 302


def test_api_throttle_keys_on_client_ip_not_the_header(monkeypatch):
    """Varying X-Forwarded-For turned 5 × 429 into 125 × 200 when DRF keyed on the whole header."""
    assert base_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        "kotacerdas.common.throttling.AnonRateThrottle",
        "kotacerdas.common.throttling.UserRateThrottle",
    ]
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "5/min"})
    factory = RequestFactory()
    outcomes = []
    for n in range(125):
        request = Request(factory.get(f"/api/v1/ideas/?n={n}", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{n}"))
        request.user = AnonymousUser()
        throttle = AnonRateThrottle()
        outcomes.append(throttle.allow_request(request, view=None))
    assert outcomes.count(True) == 5
