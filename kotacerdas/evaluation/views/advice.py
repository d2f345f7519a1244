"""“What raises our score most”, for the region admin and the Tim Pelaksana."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from kotacerdas.common.cache import national_config_version, region_cache_version
from kotacerdas.regions.access import require_perm, with_region

from ..advice_selectors import score_advice as advice_for


@login_required
@require_GET
@with_region
def score_advice(request, *, region):
    require_perm(request, "evaluation.view_advice", region)
    # The same for every reader who may open it: the template caches the body under the region's version
    # (a self-assessment answer, a score, a survey: all audited in the region) and the national
    # configuration's (a framework's weights), so the ranking is computed only after a change.
    return render(
        request,
        "evaluation/advice.html",
        {
            "region": region,
            "advice": SimpleLazyObject(lambda: _Holder(advice_for(region=region))),
            "cache_version": f"{region_cache_version(region.slug)}.{national_config_version()}",
        },
    )


class _Holder:
    """`advice_for` may answer None (no round yet); a lazy object cannot stand for None, so it holds it."""

    def __init__(self, value):
        self.value = value
