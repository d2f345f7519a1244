"""The masterplan quality check: a score per component and what to fix, each with a link."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kotacerdas.regions.access import with_region

from ..selectors.quality import quality_check
from ._common import _ctx, _masterplan


@login_required
@require_GET
@with_region
def quality(request, *, region):
    masterplan = _masterplan(request, region)
    components = quality_check(masterplan=masterplan)
    return render(request, "planning/quality.html", _ctx(request, region, masterplan, components=components))
