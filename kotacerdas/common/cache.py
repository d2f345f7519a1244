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

from . import changes
from .personal import as_anonymous, marks_only, splice

# The sections of a region's public pages that a change can retire on their own.
REPORTS = "reports"  # citizen reports: list and map, report pages, the report APIs and Open311 requests
REPORT_STATS = "report-stats"  # the report statistics (per-agency counters)
SURVEY_RESULTS = "survey-results"  # survey results pages (a new response)
SECTIONS = (REPORTS, REPORT_STATS, SURVEY_RESULTS)
# Sections whose figures are also shown across regions (the national page's citizen-report counts, the open
# data catalogue's last-modified dates): a change there retires the caches across regions too.
ACROSS_REGIONS = (REPORT_STATS, SURVEY_RESULTS)


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


def region_entry(region_slug: str, key: str):
    """(the region's version, what `region_entry_set` stored under `key` for that version, or None), in one
    cache round trip: for what is read on every request and derived from the region's rarely changing rows
    (services.lookups of participation)."""
    version_key = _version_key(region_slug)
    found = cache.get_many([version_key, key])
    version = found.get(version_key)
    if version is None:
        version = 1
        cache.add(version_key, version, timeout=None)
    entry = found.get(key)
    return version, (entry[1] if entry is not None and entry[0] == version else None)


def region_entry_set(key: str, version: int, value, timeout: int) -> None:
    """Store `value` under `key` for the region's `version` (a later version ignores it)."""
    cache.set(key, (version, value), timeout)


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
    return data_version(region_slug, (section,))


def data_version(region_slug: str, sections: Iterable[str]) -> str:
    """The region's version and these sections' versions in one string (one cache round trip): what is
    derived from the region's data and those sections (the open data catalogue) is keyed on it."""
    keys = [_version_key(region_slug), *(_section_key(region_slug, s) for s in sections)]
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


def invalidate_public_pages(
    region_slug: str | None, *, sections: Iterable[str] | None = None, source: str = ""
) -> None:
    """Retire cached public pages of the region with this slug once the current transaction commits: every
    page (`sections=None`), or only the pages cached under these sections; and tell the read side's
    listeners (`common.changes`) what changed (`source`: the changed model's label, `""` when unknown)."""
    if not region_slug:
        return
    if sections is None:  # the whole region, and what is cached across regions (national page, open data)
        keys = [_version_key(region_slug), ANY_REGION_KEY, _version_key(NATIONAL)]
    else:
        sections = tuple(sections)
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise ValueError(f"unknown page-cache sections: {sorted(unknown)}")
        keys = [_section_key(region_slug, section) for section in sections]
        if set(sections) & set(ACROSS_REGIONS):
            keys += [ANY_REGION_KEY, _version_key(NATIONAL)]

    def bump():
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 2, timeout=None)

    transaction.on_commit(bump)
    # after the bump is registered: a listener's work queued for after the commit sees the pages retired
    changes.announce(region_slug=region_slug, source=source, sections=sections)


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


def shareable(request) -> bool:
    """Whether a signed-in visitor's GET may be answered from the body shared by signed-in visitors
    (common/personal.py)."""
    return request.method == "GET" and request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META


def serve_shared(request, view: Callable, *, region_slug: str, section: str = ""):
    """A public page for a signed-in visitor: the body built as an anonymous visitor (with marks for the
    personal parts), cached like `serve_cached`'s under its own variant, with the personal parts rendered for
    this person. A body that is not a 200 (a redirect, say) is not shared: the person gets the view's own
    answer."""
    shared = False

    def build():
        nonlocal shared
        shared = True
        with as_anonymous(request):
            return view()

    response = serve_cached(
        request, build, region_slug=region_slug, section=section, variant=f"shared:{request.get_full_path()}"
    )
    if response.status_code != 200 or response.cookies or getattr(response, "streaming", False):
        return view() if shared else response
    slug = None if region_slug == NATIONAL else region_slug
    response = splice(request, response, region_slug=slug)
    patch_vary_headers(response, ("Cookie",))
    return response


def serve_staff_cached(request, build: Callable, *, region_slug: str, variant: str):
    """A staff page body shared by everyone whose view of it `variant` names (the caller puts there the object,
    its state and every permission the template asks), cached under the region's version and rendered with
    marks for the personal parts, which are filled in per person as on public pages. Only for pages whose body
    holds no form of the person's: the CSRF placeholder would be replaced, but the form's values would be
    shared."""

    def built():
        with marks_only(request):
            return build()

    response = serve_cached(request, built, region_slug=region_slug, variant=f"staff:{variant}")
    if response.status_code != 200:
        return response
    response = splice(request, response, region_slug=region_slug)
    patch_vary_headers(response, ("Cookie",))
    return response


def _cached(view, *, vary_accept: bool, section: str, shared: bool = False):
    if section and section not in SECTIONS:
        raise ValueError(f"unknown page-cache section: {section}")

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        region_slug = kwargs.get("region_slug", NATIONAL)  # a page across regions: the national version
        if not cacheable(request):
            if shared and shareable(request):
                return serve_shared(
                    request, lambda: view(request, *args, **kwargs), region_slug=region_slug, section=section
                )
            return view(request, *args, **kwargs)
        accept = request.META.get("HTTP_ACCEPT", "")[:100] if vary_accept else ""
        return serve_cached(
            request,
            lambda: view(request, *args, **kwargs),
            region_slug=region_slug,
            section=section,
            variant=f"{accept}:{request.get_full_path()}",
            vary=("Cookie", "Accept") if vary_accept else ("Cookie",),
        )

    return wrapper


def public_page(view=None, *, section: str = "", personal: bool = False):
    """Serve a region's public page from the cache for anonymous GET visitors, and its shared body with the
    personal header rendered per person for signed-in ones (common/personal.py).

    Put it outside `with_region`: it reads the `region_slug` URL argument, so a hit touches no database.
    Only 200 responses without cookies are stored, so an unknown region (404) is never cached. With
    `section`, the page is also retired when only that section of the region changes (`@public_page(section=
    REPORTS)`); without, by changes of the whole region only. `personal=True`: the body itself depends on
    the signed-in person (their permissions, their own rows), so signed-in visitors get it built afresh.
    """
    if view is None:
        return lambda view: _cached(view, vary_accept=False, section=section, shared=not personal)
    return _cached(view, vary_accept=False, section=section, shared=not personal)


def national_page(view):
    """The same for a page across regions (no `region_slug`): retired by a change in any region."""
    return _cached(view, vary_accept=False, section="", shared=True)


def public_api(view=None, *, section: str = ""):
    """The same for a public API read; the key also varies on Accept (JSON or the browsable API)."""
    if view is None:
        return lambda view: _cached(view, vary_accept=True, section=section)
    return _cached(view, vary_accept=True, section=section)
