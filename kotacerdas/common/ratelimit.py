"""The one rate limiter: fixed-window counters per account and per client address.

Counters live in their own cache alias, `ratelimit` (settings.CACHES), never in the page cache: no number
of distinct URLs can evict them, and `cache.clear()` of the pages leaves them alone. The address is
`common.clientip.client_ip`, so a forged X-Forwarded-For changes nothing. The first hit starts a key's
window and the counter expires with it. Used by sign-up, ideas, comments, surveys, citizen reports and
(through `common.throttling`) the API throttles; docs/security.md lists the limits.
"""

import contextlib
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


def key_hit(key: str, window_seconds: int) -> int:
    """Count one hit against the key; returns the count in the current window."""
    cache = _cache()
    full_key = f"kc:rl:{key}"
    if cache.add(full_key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(full_key)
    except ValueError:  # expired between add and incr
        cache.set(full_key, 1, timeout=window_seconds)
        return 1


def keys_take(limits: dict[str, int], window_seconds: int) -> list[str]:
    """Count one hit against each key (key: its maximum) and keep them if every key is still within its
    maximum (returns []); else give them back and return the keys that were full. With Redis, all keys in
    one round trip (a first hit sets the window's expiry in the same transaction); two requests racing for
    the last hit cannot both get it."""
    if not limits:
        return []
    counts = _take_redis(list(limits), window_seconds)
    if counts is None:
        counts = [key_hit(key, window_seconds) or 0 for key in limits]  # None: a cache that does not answer
    full = [key for key, count in zip(limits, counts, strict=True) if count > limits[key]]
    if full:
        keys_give_back(list(limits))
    return full


def keys_give_back(keys: list[str]) -> None:
    """Undo one `keys_take` hit per key (a refusal, or a retry that stored nothing)."""
    cache = _cache()
    for key in keys:
        with contextlib.suppress(ValueError):  # its window ended meanwhile
            cache.decr(f"kc:rl:{key}")


# One hit against each key: a first hit starts the key's window (its expiry); the counts after the hit.
_TAKE = """
local counts = {}
for i, key in ipairs(KEYS) do
    redis.call('SET', key, 0, 'EX', ARGV[1], 'NX')
    counts[i] = redis.call('INCR', key)
end
return counts
"""
_scripts: dict = {}


def _take_redis(keys: list[str], window_seconds: int) -> list[int] | None:
    """The keys' counts after one hit each, from one Redis command (a script, atomic); None when the counters
    are not in Redis, or Redis does not answer (then the cache's own calls decide: with `IGNORE_EXCEPTIONS`
    they let the request through, as every other limit does)."""
    cache = _cache()
    if not type(cache).__module__.startswith("django_redis"):
        return None
    from redis.exceptions import RedisError

    try:
        client = cache.client.get_client(write=True)
        script = _scripts.get(id(client))
        if script is None:
            script = _scripts[id(client)] = client.register_script(_TAKE)
        full = [cache.client.make_key(f"kc:rl:{key}") for key in keys]
        return [int(count) for count in script(keys=full, args=[window_seconds])]
    except RedisError:
        return None


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
