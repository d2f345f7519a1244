"""The collaboration dashboard of a region's staff."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from kotacerdas.common.cache import region_cache_version
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors


@login_required
@with_region
def dashboard(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    # Same for every staff member: the template caches the body under the region's version (bumped by every
    # audited change), so the figures below are only computed on a miss.
    data = SimpleLazyObject(lambda: selectors.dashboard(region=region))
    return render(
        request,
        "collaboration/dashboard.html",
        {
            "region": region,
            "data": data,
            "can_manage": request.user.has_perm("collaboration.manage", region),
            "cache_version": region_cache_version(region.slug),
            "category_rows": SimpleLazyObject(
                lambda: [(label, count, value) for value, label, count in data.by_category]
            ),
            "max_category": SimpleLazyObject(lambda: max([c for _v, _l, c in data.by_category] or [1]) or 1),
        },
    )
