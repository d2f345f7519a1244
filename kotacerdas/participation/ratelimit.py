"""Fixed-window counters in the Django cache (Redis in production, shared by every worker; locmem in tests).

A bucket counts successful submissions in the current hour; `allowed` is asked before, `hit` after.
"""

import time

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(bucket: str) -> str:
    return f"kc:rl:{bucket}:{int(time.time() // WINDOW_SECONDS)}"


def allowed(bucket: str, limit: int) -> bool:
    return (cache.get(_key(bucket)) or 0) < limit


def hit(bucket: str) -> int:
    key = _key(bucket)
    if cache.add(key, 1, WINDOW_SECONDS + 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 60)
        return 1


def client_ip(request) -> str:
    """The visitor's address: the last X-Forwarded-For entry (the one our own proxy appended), else the
    socket's. Earlier entries are whatever the client claimed and are ignored."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
