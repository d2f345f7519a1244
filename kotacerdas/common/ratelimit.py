"""Fixed-window counters in the Django cache (Redis in production, shared by every worker; locmem in tests).

A bucket counts events (a citizen's submissions, an API client's failed token attempts) in the current
window, an hour unless told; `allowed` is asked before, `hit` after.
"""

import time

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(bucket: str, window: int) -> str:
    return f"kc:rl:{bucket}:{window}:{int(time.time() // window)}"


def allowed(bucket: str, limit: int, *, window: int = WINDOW_SECONDS) -> bool:
    return (cache.get(_key(bucket, window)) or 0) < limit


def hit(bucket: str, *, window: int = WINDOW_SECONDS) -> int:
    key = _key(bucket, window)
    if cache.add(key, 1, window + 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 60)
        return 1


def seconds_left(*, window: int = WINDOW_SECONDS) -> int:
    """Seconds until the current window ends (for a Retry-After header)."""
    return window - int(time.time() % window)


def client_ip(request) -> str:
    """The visitor's address: the last X-Forwarded-For entry (the one our own proxy appended), else the
    socket's. Earlier entries are whatever the client claimed and are ignored."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
