"""Partners' contributions to programmes: the register, status changes, evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import ContributionForm
from ..models import Contribution
from ._common import _form_page, _private_file


@login_required
@with_region
def contribution_list(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    can_manage = request.user.has_perm("collaboration.manage", region)
    form = ContributionForm(request.POST or None, request.FILES or None, region=region) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        return _form_page(
            request,
            template="collaboration/contribution_list.html",
            context={
                "region": region,
                "contributions": selectors.contribution_list(region=region),
                "can_manage": True,
                "statuses": Contribution.Status.choices,
            },
            form=form,
            save=lambda f: services.contribution_create(actor=request.user, **f.cleaned_data),
            success=_("The contribution was recorded."),
            redirect_to=lambda c: reverse("collaboration:contributions", kwargs={"region_slug": region.slug}),
        )
    return render(
        request,
        "collaboration/contribution_list.html",
        {
            "region": region,
            "contributions": selectors.contribution_list(region=region),
            "can_manage": can_manage,
            "form": form,
            "statuses": Contribution.Status.choices,
        },
    )


@login_required
@require_POST
@with_region
def contribution_status(request, *, region, pk):
    contribution = get_object_or_404(Contribution, region=region, pk=pk)
    require_perm(request, "collaboration.manage", contribution)
    try:
        services.contribution_set_status(
            actor=request.user, contribution=contribution, status=request.POST.get("status", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The status was saved."))
    return redirect("collaboration:contributions", region_slug=region.slug)


@login_required
@with_region
def contribution_evidence(request, *, region, pk):
    contribution = get_object_or_404(Contribution, region=region, pk=pk)
    require_perm(request, "collaboration.view_internal", contribution)
    return _private_file(contribution.evidence_file)
