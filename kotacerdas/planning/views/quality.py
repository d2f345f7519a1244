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
    # A fix links only where its reader may act (no link answers 403): the periods page is the region admin's,
    # the ideas moderation the moderators', a new survey its managers'.
    allowed: dict[str, bool] = {}
    for component in components:
        for fix in component.fixes:
            if fix.perm and fix.perm not in allowed:
                allowed[fix.perm] = request.user.has_perm(fix.perm, region)
            if fix.perm and not allowed[fix.perm]:
                fix.url = ""
    return render(request, "planning/quality.html", _ctx(request, region, masterplan, components=components))
