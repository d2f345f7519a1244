"""Whole-page caching of public pages (and public API reads), per region and language, retired by a version
bump: for the whole region, or for one section of it.

Public pages are the same for every anonymous visitor, so they are cached whole. Any audited change in a
region bumps that region's version (see `audit.services.record_event`), which retires every cached page of
the region at once without having to know which pages showed the changed row. A change that can only alter
one part of the region's pages (a citizen report: the report list, the report pages, the statistics) names
that part, a *section*, and bumps only the section's version: a page cached with `section="reports"` has the
region's and the section's version in its key, so a new report retires it and leaves the region's other
pages (home, masterplan, news…) in the cache. The key is built from the URL's region slug, so a hit costs no
database query at all.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_vary_headers

# The sections of a region's public pages that a change can retire on their own.
REPORTS = "reports"  # citizen reports: list and map, report pages, the report APIs and Open311 requests
REPORT_STATS = "report-stats"  # the report statistics (per-agency counters)
SURVEY_RESULTS = "survey-results"  # survey results pages (a new response)
SECTIONS = (REPORTS, REPORT_STATS, SURVEY_RESULTS)


def _version_key(region_slug: str) -> str:
    return f"kc:region-version:{region_slug}"


# Bumped with every region's version: the installation's national page shows every region, so any change
# anywhere retires it (a colon cannot occur in a slug, so no region shares the key).
NATIONAL = ":national"


def _section_key(region_slug: str, section: str) -> str:
    return f"kc:section-version:{region_slug}:{section}"


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


def page_version(region_slug: str, section: str = "") -> str:
    """The version a cached page of the region carries in its key: the region's, and its section's if any
    (one cache round trip either way)."""
    if not section:
        return str(region_cache_version(region_slug))
    keys = [_version_key(region_slug), _section_key(region_slug, section)]
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = 1
            cache.add(key, value, timeout=None)
        versions.append(str(value))
    return ".".join(versions)


# Bumped by every audited change outside any region (a national evaluation framework, its items and weights):
# what a region's staff page shows from that configuration (the score advice) is keyed on it as well as on
# the region's version.
NATIONAL_CONFIG_KEY = "kc:national-config-version"


def national_config_version() -> int:
    version = cache.get(NATIONAL_CONFIG_KEY)
    if version is None:
        version = 1
        cache.add(NATIONAL_CONFIG_KEY, version, timeout=None)
    return version


def invalidate_national_config() -> None:
    """Retire what is keyed on the national configuration's version once the current transaction commits."""

    def bump():
        try:
            cache.incr(NATIONAL_CONFIG_KEY)
        except ValueError:
            cache.set(NATIONAL_CONFIG_KEY, 2, timeout=None)

    transaction.on_commit(bump)


def invalidate_public_pages(region_slug: str | None, *, sections: Iterable[str] | None = None) -> None:
    """Retire cached public pages of the region with this slug once the current transaction commits: every
    page (`sections=None`), or only the pages cached under these sections."""
    if not region_slug:
        return
    if sections is None:  # the whole region, and what is cached across regions (national page, open data)
        keys = [_version_key(region_slug), ANY_REGION_KEY, _version_key(NATIONAL)]
    else:
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise ValueError(f"unknown page-cache sections: {sorted(unknown)}")
        keys = [_section_key(region_slug, section) for section in sections]

    def bump():
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 2, timeout=None)

    transaction.on_commit(bump)


def cacheable(request) -> bool:
    """Whether this request may be answered from (and stored in) the page cache: an anonymous GET."""
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "HTTP_AUTHORIZATION" not in request.META  # API clients logging in with Basic auth
    )


def serve_cached(request, build: Callable, *, region_slug: str, section: str = "", variant: str = "", vary=()):
    """`build()`'s response, from the cache when an earlier request of the same region version, section,
    language and `variant` (the full path unless given) stored it. Only 200 responses without cookies are
    stored."""
    # hashed: a query string may hold anything (control characters, kilobytes), a key must not
    variant = hashlib.sha256((variant or request.get_full_path()).encode("utf-8", "surrogatepass")).hexdigest()
    version = page_version(region_slug, section)
    key = f"kc:page:{region_slug}:{version}:{section}:{request.LANGUAGE_CODE}:{variant}"
    response = cache.get(key)
    if response is None:
        response = build()
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if not response.streaming:
                # One chunk: a feed writes its XML in hundreds of pieces, each sent on its own by the
                # WSGI server (5 ms instead of 0.4 ms for the RSS feed in `make bench`).
                response.content = response.content
            cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
    if vary:
        patch_vary_headers(response, vary)
    return response


def _cached(view, *, vary_accept: bool, section: str):
    if section and section not in SECTIONS:
        raise ValueError(f"unknown page-cache section: {section}")

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        accept = request.META.get("HTTP_ACCEPT", "")[:100] if vary_accept else ""
        return serve_cached(
            request,
            lambda: view(request, *args, **kwargs),
            region_slug=kwargs.get("region_slug", NATIONAL),  # a page across regions: the national version
            section=section,
            variant=f"{accept}:{request.get_full_path()}",
            vary=("Cookie", "Accept") if vary_accept else ("Cookie",),
        )

    return wrapper


def public_page(view=None, *, section: str = ""):
    """Serve a region's public page from the cache for anonymous GET visitors.

    Put it outside `with_region`: it reads the `region_slug` URL argument, so a hit touches no database.
    Only 200 responses without cookies are stored, so an unknown region (404) is never cached. With
    `section`, the page is also retired when only that section of the region changes (`@public_page(section=
    REPORTS)`); without, by changes of the whole region only.
    """
    if view is None:
        return lambda view: _cached(view, vary_accept=False, section=section)
    return _cached(view, vary_accept=False, section=section)


def national_page(view):
    """The same for a page across regions (no `region_slug`): retired by a change in any region."""
    return _cached(view, vary_accept=False, section="")


def public_api(view=None, *, section: str = ""):
    """The same for a public API read; the key also varies on Accept (JSON or the browsable API)."""
    if view is None:
        return lambda view: _cached(view, vary_accept=True, section=section)
    return _cached(view, vary_accept=True, section=section)
