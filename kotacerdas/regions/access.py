"""Who reaches a region's pages and who may act: the one place views and services check access.

`with_region` resolves the URL's region; `require_perm` is the view-side check (403) and `require_rule` the
service-side one (an ApplicationError in the user's language), both asking the django-rules in `<app>/rules.py`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

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


def require_rule(user, perm: str, obj=None) -> None:
    """For services: refuse unless `user` (None counts as nobody) has the rule on `obj`."""
    if user is None or not user.has_perm(perm, obj):
        raise ApplicationError(_("You are not allowed to do this."))
