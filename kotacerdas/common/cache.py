"""Whole-page caching of public pages, per region and language, invalidated by a version bump.

Public pages are the same for every anonymous visitor, so they are cached whole. Any audited change in a
region bumps that region's version (see `audit.services.record_event`), which retires every cached page of
the region at once without having to know which pages showed the changed row.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_vary_headers


def _version_key(region_id: int) -> str:
    return f"kc:region-version:{region_id}"


def region_cache_version(region_id: int) -> int:
    version = cache.get(_version_key(region_id))
    if version is None:
        version = 1
        cache.add(_version_key(region_id), version, timeout=None)
    return version


def invalidate_public_pages(region_id: int | None) -> None:
    """Retire the region's cached public pages once the current transaction commits."""
    if region_id is None:
        return

    def bump():
        try:
            cache.incr(_version_key(region_id))
        except ValueError:
            cache.set(_version_key(region_id), 2, timeout=None)

    transaction.on_commit(bump)


def public_page(view):
    """Cache a public region page for anonymous GET visitors. The view takes `region` as first kwarg
    after the request (resolved by `regions.views.region_from_slug`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cacheable = request.method == "GET" and not request.user.is_authenticated
        if not cacheable:
            return view(request, *args, **kwargs)
        region = kwargs["region"]
        key = f"kc:page:{region.pk}:{region_cache_version(region.pk)}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
