"""Round III: the roadmap of programmes and milestones over the masterplan years, one dimension at a time."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kotacerdas.common.cache import region_cache_version
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.access import with_region

from .. import selectors
from ._common import _ctx, _masterplan


@login_required
@with_region
def roadmap(request, *, region):
    """One dimension's chart (`?dimensi=<key>`, the first dimension by default): a 300-programme masterplan
    made a 290 KB page. The chart is the same for every staff member, so the template caches it under the
    region's version (bumped by every audited change); the programmes are only read on a miss."""
    masterplan = _masterplan(request, region)
    dimensions = list(Dimension.objects.filter(region=region))
    wanted = request.GET.get("dimensi")
    dimension = next((d for d in dimensions if d.key == wanted), dimensions[0] if dimensions else None)

    def groups():
        return selectors.roadmap(masterplan=masterplan, dimension=dimension) if dimension else []

    return render(
        request,
        "planning/roadmap.html",
        _ctx(
            request,
            region,
            masterplan,
            groups=groups,
            years=list(masterplan.years),
            dimensions=dimensions,
            dimension=dimension,
            cache_version=region_cache_version(region.slug),
        ),
    )
