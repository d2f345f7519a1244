"""Round III: the roadmap of programmes and milestones over the masterplan years."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kotacerdas.regions.access import with_region

from .. import selectors
from ._common import _ctx, _masterplan


@login_required
@with_region
def roadmap(request, *, region):
    masterplan = _masterplan(request, region)
    groups = selectors.roadmap(masterplan=masterplan)
    return render(
        request,
        "planning/roadmap.html",
        _ctx(request, region, masterplan, groups=groups, years=list(masterplan.years)),
    )
