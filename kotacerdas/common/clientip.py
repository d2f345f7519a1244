"""The one rule for a visitor's address, used by every rate limit, throttle, the login lockout
and log line.

`CLIENT_IP_PROXY_COUNT` says how many reverse proxies we run in front of Django, each appending the address
it saw to X-Forwarded-For (docs/deploy.md: 1 behind the documented nginx). With 0 the header is ignored and
the socket's address counts. With N the client is the N-th entry from the right: those N entries were
written by our own proxies, anything further left is whatever the client claimed and is never trusted.
django-ipware parses and validates the header.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str | None:
    """The visitor's address as a string; None when there is none (a request built by hand, as in
    `Client.force_login`): an address field stores it as NULL, where a made-up word would be refused by
    PostgreSQL's inet type (django-axes keeps the address of each login attempt)."""
    proxies = settings.CLIENT_IP_PROXY_COUNT
    ip = None
    if proxies > 0:
        # In django-ipware's terms the right-most entry is the client's and `proxy_count` counts the
        # addresses after it; its left-most, non-strict reading of N-1 picks the N-th entry from the right.
        ip, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            strict=False,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
        )
    if ip is None:
        ip, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return ip or None
