"""The region admin's monitoring settings page."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from kotacerdas.common.exceptions import save_form
from kotacerdas.regions.access import require_perm, with_region

from . import services
from .forms import MonitoringSettingsForm


@login_required
@with_region
def settings_page(request, *, region):
    """What leads the public figures and whether verification needs evidence (region admin)."""
    require_perm(request, "monitoring.manage_periods", region)
    config = services.monitoring_settings_for(region)
    initial = {"headline_min_coverage": config.headline_min_coverage, "evidence_required": config.evidence_required}
    form = MonitoringSettingsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if save_form(request, form, partial(services.monitoring_settings_update, actor=request.user, region=region)):
            return redirect("monitoring:settings", region_slug=region.slug)
        status = 400
    return render(request, "monitoring/settings.html", {"region": region, "form": form}, status=status)
