"""Who reaches a region's pages and who may act: the one place views, API views and services check access.

`with_region` (pages) and `RegionScopedMixin` (API views) resolve the URL's region the same way;
`require_perm` is the view-side check (403); services check with `kotacerdas.common.permissions.ensure_allowed`
(an ApplicationError in the user's language); both ask the django-rules in `<app>/rules.py`. The API's
domain-free base classes (paging, `PublicRead`) are in `kotacerdas.common.api`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Region


def active_region(slug: str) -> Region:
    """The active region with this slug; 404 otherwise (also in the API, which answers it as JSON)."""
    return get_object_or_404(Region, slug=slug, is_active=True)


def with_region(view):
    """Resolve the `region_slug` URL part to an active Region (404 otherwise) and pass it as `region`."""

    @wraps(view)
    def wrapper(request, *args, region_slug: str, **kwargs):
        region = active_region(region_slug)
        request.region = region
        return view(request, *args, region=region, **kwargs)

    return wrapper


# For API views under `/r/<region_slug>/`: `get_region()` is the active region of the URL, read once.
# (No docstring: drf-spectacular would print it as the description of every view that uses the mixin.)
class RegionScopedMixin:
    def get_region(self) -> Region:
        if not hasattr(self, "_region"):
            self._region = active_region(self.kwargs["region_slug"])
        return self._region


def require_perm(request, perm: str, obj=None) -> None:
    """403 unless the user has the rule; anonymous users are sent to log in by the caller's decorator."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
