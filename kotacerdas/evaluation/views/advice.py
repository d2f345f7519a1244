"""“What raises our score most”, for the region admin and the Tim Pelaksana."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kotacerdas.regions.access import require_perm, with_region

from ..advice_selectors import score_advice as advice_for


@login_required
@require_GET
@with_region
def score_advice(request, *, region):
    require_perm(request, "evaluation.view_advice", region)
    return render(request, "evaluation/advice.html", {"region": region, "advice": advice_for(region=region)})
