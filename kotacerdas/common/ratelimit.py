"""The one rate limiter: fixed-window counters per account and per client address.

Counters live in their own cache alias, `ratelimit` (settings.CACHES), never in the page cache: no number
of distinct URLs can evict them, and `cache.clear()` of the pages leaves them alone. The address is
`common.clientip.client_ip`, so a forged X-Forwarded-For changes nothing. The first hit starts a key's
window and the counter expires with it. Used by sign-up, ideas, comments, surveys, citizen reports and
(through `common.throttling`) the API throttles; docs/security.md lists the limits.
"""

from dataclasses import dataclass

from django.core.cache import caches

from .clientip import client_ip

CACHE_ALIAS = "ratelimit"


@dataclass(frozen=True)
class Limit:
    """At most `per_ip` hits per address and `per_account` per signed-in account (0: not counted) in a window."""

    name: str
    per_ip: int
    per_account: int = 0
    window_seconds: int = 3600


def _cache():
    return caches[CACHE_ALIAS]


def key_allowed(key: str, maximum: int) -> bool:
    """True while the key has fewer than `maximum` hits in its current window."""
    return (_cache().get(f"kc:rl:{key}") or 0) < maximum


def key_counts(keys: list[str]) -> dict[str, int]:
    """The hits of each key in its current window (0 for none), read in one cache round trip."""
    found = _cache().get_many([f"kc:rl:{key}" for key in keys]) if keys else {}
    return {key: found.get(f"kc:rl:{key}") or 0 for key in keys}


def key_hit(key: str, window_seconds: int, *, seen: int = 0) -> int:
    """Count one hit against the key; returns the count in the current window. `seen`: the count read just
    before (`key_counts`); when it is not 0 the window is running and one increment counts the hit."""
    cache = _cache()
    full_key = f"kc:rl:{key}"
    if seen:
        try:
            return cache.incr(full_key)
        except ValueError:  # the window ended since it was read
            pass
    if cache.add(full_key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.set(full_key, 1, timeout=window_seconds)
        return 1


def _keys(limit: Limit, request) -> list[tuple[str, int]]:
    keys = [(f"{limit.name}:ip:{client_ip(request)}", limit.per_ip)]
    user = getattr(request, "user", None)
    if limit.per_account and user is not None and user.is_authenticated:
        keys.append((f"{limit.name}:user:{user.pk}", limit.per_account))
    return keys


def allowed(limit: Limit, request) -> bool:
    """True while neither the account nor the address has used up its hits in the window."""
    return all(key_allowed(key, maximum) for key, maximum in _keys(limit, request))


def hit(limit: Limit, request) -> None:
    """Count one hit against the account and the address."""
    for key, _maximum in _keys(limit, request):
        key_hit(key, limit.window_seconds)
