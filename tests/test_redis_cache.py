"""Production caches in Redis: the page cache and its invalidation must work on that backend too.

Skipped loudly where no Redis answers on 127.0.0.1:6379 (CI has one).
"""

import os
import uuid
import warnings

import pytest
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


pytestmark = pytest.mark.skipif(not _redis_available(), reason=f"REDIS NOT AVAILABLE at {REDIS_URL}: skipped")
if not _redis_available():
    warnings.warn(f"Redis is not reachable at {REDIS_URL}; the Redis cache tests are SKIPPED", stacklevel=1)


@pytest.fixture
def redis_cache():
    """The default cache switched to Redis (Django resets its cache handlers when CACHES changes)."""
    config = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"kc-test-{uuid.uuid4().hex[:8]}",
        }
    }
    with override_settings(CACHES=config):
        yield caches["default"]
        caches["default"].clear()


def test_public_pages_cache_and_invalidate_with_redis(world, client, redis_cache, django_capture_on_commit_callbacks):
    from kotacerdas.common.cache import region_cache_version
    from kotacerdas.masterplan.services import programme_update

    assert type(redis_cache).__name__ == "RedisCache"
    client.get("/r/luwu-utara/program/GOV-01/")
    assert redis_cache.keys("kc:page:*")
    version = region_cache_version(world["home"].slug)
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(actor=world["users"]["region_admin"], programme=world["home_programme"], title="Lewat Redis")
    assert region_cache_version(world["home"].slug) == version + 1
    assert "Lewat Redis" in client.get("/r/luwu-utara/program/GOV-01/").content.decode()
