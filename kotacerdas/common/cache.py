"""Whole-page caching of public pages (and public API reads), per region and language, invalidated by a
version bump.

Public pages are the same for every anonymous visitor, so they are cached whole. Any audited change in a
region bumps that region's version (see `audit.services.record_event`), which retires every cached page of
the region at once without having to know which pages showed the changed row. The key is built from the
URL's region slug, so a cache hit costs no database query at all.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_vary_headers


def _version_key(region_slug: str) -> str:
    return f"kc:region-version:{region_slug}"


# Bumped with every region's version: the installation's national page shows every region, so any change
# anywhere retires it (a colon cannot occur in a slug, so no region shares the key).
NATIONAL = ":national"


def region_cache_version(region_slug: str) -> int:
    version = cache.get(_version_key(region_slug))
    if version is None:
        version = 1
        cache.add(_version_key(region_slug), version, timeout=None)
    return version


ANY_REGION_KEY = "kc:any-region-version"


def any_region_cache_version() -> int:
    """Bumped with every region's version: what is cached across regions (the national open data catalogue)
    is keyed on it, one cache read instead of one per region."""
    version = cache.get(ANY_REGION_KEY)
    if version is None:
        version = 1
        cache.add(ANY_REGION_KEY, version, timeout=None)
    return version


def invalidate_public_pages(region_slug: str | None) -> None:
    """Retire the cached public pages of the region with this slug once the current transaction commits."""
    if not region_slug:
        return

    def bump():
        for key in (_version_key(region_slug), ANY_REGION_KEY, _version_key(NATIONAL)):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 2, timeout=None)

    transaction.on_commit(bump)


def _cached(view, *, vary_accept: bool):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or "HTTP_AUTHORIZATION" in request.META  # API clients logging in with Basic auth
        ):
            return view(request, *args, **kwargs)
        slug = kwargs.get("region_slug", NATIONAL)
        accept = request.META.get("HTTP_ACCEPT", "")[:100] if vary_accept else ""
        key = f"kc:page:{slug}:{region_cache_version(slug)}:{request.LANGUAGE_CODE}:{accept}:{request.get_full_path()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                if not response.streaming:
                    # One chunk: a feed writes its XML in hundreds of pieces, each sent on its own by the
                    # WSGI server (5 ms instead of 0.4 ms for the RSS feed in `make bench`).
                    response.content = response.content
                cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        patch_vary_headers(response, ("Cookie", "Accept") if vary_accept else ("Cookie",))
        return response

    return wrapper


def public_page(view):
    """Serve a region's public page from the cache for anonymous GET visitors.

    Put it outside `with_region`: it reads the `region_slug` URL argument, so a hit touches no database.
    Only 200 responses without cookies are stored, so an unknown region (404) is never cached.
    """
    return _cached(view, vary_accept=False)


def national_page(view):
    """The same for a page across regions (no `region_slug`): retired by a change in any region."""
    return _cached(view, vary_accept=False)


def public_api(view):
    """The same for a public API read; the key also varies on Accept (JSON or the browsable API)."""
    return _cached(view, vary_accept=True)
