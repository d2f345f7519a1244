"""Flood limits on what people post, counted in the Django cache per account and per IP address.

A fixed window per key: the first post starts the window, the counter expires with it. Shared by every web
worker when the cache is shared (Redis/Memcached in production; see docs/ideas.md).
"""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    per_account: int
    per_ip: int
    window_seconds: int


IDEA = Limit("idea", per_account=5, per_ip=20, window_seconds=3600)
COMMENT = Limit("comment", per_account=10, per_ip=40, window_seconds=600)
SIGNUP = Limit("signup", per_account=0, per_ip=10, window_seconds=3600)
SURVEY = Limit("survey", per_account=0, per_ip=30, window_seconds=3600)


def client_ip(request) -> str:
    """The visitor's address. Behind the reverse proxy (docs/deploy.md) REMOTE_ADDR is set from
    X-Forwarded-For by the proxy; we do not trust the header ourselves."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(limit: Limit, request):
    keys = [(f"kc:throttle:{limit.name}:ip:{client_ip(request)}", limit.per_ip)]
    if limit.per_account and request.user.is_authenticated:
        keys.append((f"kc:throttle:{limit.name}:user:{request.user.pk}", limit.per_account))
    return keys


def allowed(limit: Limit, request) -> bool:
    """True while neither the account nor the address has used up its posts in the window."""
    counts = cache.get_many([key for key, _max in _keys(limit, request)])
    return all(counts.get(key, 0) < maximum for key, maximum in _keys(limit, request))


def hit(limit: Limit, request) -> None:
    """Count one post against the account and the address."""
    for key, _max in _keys(limit, request):
        if not cache.add(key, 1, timeout=limit.window_seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=limit.window_seconds)
