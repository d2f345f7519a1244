"""The embedded default (config/settings/local.py) shares one cache between the web server, the worker and
commands, so a change made by the worker retires the public pages the web server caches."""

import pytest
from django.conf import settings
from django.core.cache import CacheHandler, caches
from django.test import override_settings

from config.settings import local
from kotacerdas.common.cache import invalidate_public_pages, region_cache_version


def _like_local(tmp_path):
    return {
        alias: {"BACKEND": local.CACHES[alias]["BACKEND"], "LOCATION": str(tmp_path / alias)}
        for alias in ("default", "ratelimit")
    }


def test_local_settings_use_a_cache_shared_between_processes():
    for alias in ("default", "ratelimit"):
        assert local.CACHES[alias]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
        assert local.CACHES[alias]["LOCATION"].startswith(str(settings.BASE_DIR / "var" / "cache"))
    assert local.CACHES["default"]["LOCATION"] != local.CACHES["ratelimit"]["LOCATION"]


@pytest.mark.django_db
def test_a_version_bump_in_one_process_is_seen_by_another(tmp_path, django_capture_on_commit_callbacks):
    with override_settings(CACHES=_like_local(tmp_path)):
        worker = CacheHandler(settings.CACHES)["default"]  # another process: its own cache instance
        assert region_cache_version("kota-contoh") == 1  # the web server cached a page under version 1
        assert worker is not caches["default"]
        with django_capture_on_commit_callbacks(execute=True):
            invalidate_public_pages("kota-contoh")  # the web server's own change
        assert worker.get("kc:region-version:kota-contoh") == 2
        worker.incr("kc:region-version:kota-contoh")  # an import run by the worker
        assert region_cache_version("kota-contoh") == 3
