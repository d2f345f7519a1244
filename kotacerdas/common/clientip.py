"""The visitor's address, the one way every part of the site reads it (login lockout, rate limits)."""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str | None:
    """The client's IP address, trusting X-Forwarded-For only from `CLIENT_IP_PROXY_COUNT` proxies.

    With the default 0 only REMOTE_ADDR counts, so a visitor cannot pick their own address with a header.
    None when there is none (a request built by hand, as in `Client.force_login`): an address field
    stores it as NULL, where a made-up word would be refused by PostgreSQL's inet type.
    """
    ip, _routable = get_client_ip(request, proxy_count=settings.CLIENT_IP_PROXY_COUNT)
    return ip or None
