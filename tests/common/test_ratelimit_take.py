"""`ratelimit.keys_take`: every bucket a submission counts against taken at once (one Redis round trip in
production), a full bucket refused without counting, the hit given back where nothing was stored. Run on the
tests' local-memory cache and on a real Redis (django-redis, as in production)."""

import os
import threading
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from kotacerdas.common import ratelimit

REDIS_URL = os.environ.get("KC_TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/11")


def _redis_or_skip():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception as exc:
        pytest.skip(f"no Redis answers at KC_TEST_CACHE_REDIS_URL={REDIS_URL} ({exc.__class__.__name__})")


@pytest.fixture(params=["locmem", "redis"])
def counters(request):
    """The `ratelimit` cache: local memory, or Redis under a key prefix of this test (deleted afterwards)."""
    if request.param == "locmem":
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    else:
        _redis_or_skip()
        config = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"kc-test-rl-{uuid.uuid4().hex[:12]}",
        }
    with override_settings(CACHES={**settings.CACHES, ratelimit.CACHE_ALIAS: config}):
        cache = caches[ratelimit.CACHE_ALIAS]
        try:
            yield request.param, cache
        finally:
            cache.clear() if request.param == "locmem" else cache.delete_pattern("*")


def test_every_bucket_is_counted_until_one_is_full_and_a_refusal_counts_nothing(counters):
    _kind, cache = counters
    limits = {"report:ip:1:10.0.0.1": 3, "report:account:1:key-a": 2}
    assert ratelimit.keys_take(limits, 3600) == []
    assert ratelimit.keys_take(limits, 3600) == []
    assert ratelimit.keys_take(limits, 3600) == ["report:account:1:key-a"]  # the account's 2 are used
    assert cache.get("kc:rl:report:ip:1:10.0.0.1") == 2  # the refused third was given back on both
    assert cache.get("kc:rl:report:account:1:key-a") == 2
    assert ratelimit.keys_take({"report:ip:1:10.0.0.1": 3}, 3600) == []  # the address alone has one left
    assert ratelimit.keys_take({"report:ip:1:10.0.0.1": 3}, 3600) == ["report:ip:1:10.0.0.1"]
    assert ratelimit.keys_take({}, 3600) == []


def test_giving_back_undoes_a_hit_and_ignores_an_ended_window(counters):
    _kind, cache = counters
    ratelimit.keys_take({"a": 5, "b": 5}, 3600)
    ratelimit.keys_give_back(["a", "b", "never-taken"])
    assert cache.get("kc:rl:a") == 0 and cache.get("kc:rl:b") == 0
    assert cache.get("kc:rl:never-taken") is None


def test_the_first_hit_starts_the_window_in_redis():
    _redis_or_skip()
    config = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": uuid.uuid4().hex}
    with override_settings(CACHES={**settings.CACHES, ratelimit.CACHE_ALIAS: config}):
        cache = caches[ratelimit.CACHE_ALIAS]
        try:
            ratelimit.keys_take({"w": 10}, 120)
            ratelimit.keys_take({"w": 10}, 120)  # a later hit keeps the first one's expiry
            assert 0 < cache.ttl("kc:rl:w") <= 120
            assert cache.get("kc:rl:w") == 2
            assert ratelimit.key_allowed("w", 3) and not ratelimit.key_allowed("w", 2)  # same counter
        finally:
            cache.delete_pattern("*")


def test_concurrent_submitters_get_exactly_the_limit_in_redis():
    """Forty threads racing for a bucket of 10: exactly 10 get through (a read-then-count limiter let more)."""
    _redis_or_skip()
    config = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": uuid.uuid4().hex}
    with override_settings(CACHES={**settings.CACHES, ratelimit.CACHE_ALIAS: config}):
        taken, lock = [], threading.Lock()

        def submitter():
            ok = ratelimit.keys_take({"race": 10}, 60) == []
            with lock:
                taken.append(ok)

        threads = [threading.Thread(target=submitter) for _ in range(40)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert taken.count(True) == 10
            assert caches[ratelimit.CACHE_ALIAS].get("kc:rl:race") == 10
        finally:
            caches[ratelimit.CACHE_ALIAS].delete_pattern("*")
