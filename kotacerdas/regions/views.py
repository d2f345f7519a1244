from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Region


def with_region(view):
    """Resolve the `region_slug` URL part to an active Region (404 otherwise) and pass it as `region`."""

    @wraps(view)
    def wrapper(request, *args, region_slug: str, **kwargs):
        region = get_object_or_404(Region, slug=region_slug, is_active=True)
        request.region = region
        return view(request, *args, region=region, **kwargs)

    return wrapper


def require_perm(request, perm: str, obj=None) -> None:
    """403 unless the user has the rule; anonymous users are sent to log in by the caller's decorator."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
