"""Agreements (MoU/PKS): the register, a new agreement, its page and signed document."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import AgreementForm
from ..models import Agreement
from ._common import _form_page, _get, _private_file


@login_required
@with_region
def agreement_list(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    return render(
        request,
        "collaboration/agreement_list.html",
        {
            "region": region,
            "agreements": selectors.agreement_list(region=region),
            "today": timezone.localdate(),
            "can_manage": request.user.has_perm("collaboration.manage", region),
        },
    )


@login_required
@with_region
def agreement_create(request, *, region):
    require_perm(request, "collaboration.manage", region)
    form = AgreementForm(request.POST or None, request.FILES or None, region=region)
    return _form_page(
        request,
        template="collaboration/agreement_form.html",
        context={"region": region},
        form=form,
        save=lambda f: services.agreement_create(actor=request.user, region=region, **f.cleaned_data),
        success=_("The agreement was saved."),
        redirect_to=lambda a: reverse("collaboration:agreement", kwargs={"region_slug": region.slug, "pk": a.pk}),
    )


@login_required
@with_region
def agreement_detail(request, *, region, pk):
    agreement = _get(selectors.agreement_detail, region=region, pk=pk)
    require_perm(request, "collaboration.view_internal", agreement)
    can_manage = request.user.has_perm("collaboration.manage", region)
    form = None
    if can_manage:
        initial = {f: getattr(agreement, f) for f in services.AGREEMENT_FIELDS}
        initial.update(
            agencies=list(agreement.agencies.all()),
            partners=list(agreement.partners.all()),
            programmes=list(agreement.programmes.all()),
        )
        form = AgreementForm(request.POST or None, request.FILES or None, region=region, initial=initial)
        if request.method == "POST":
            return _form_page(
                request,
                template="collaboration/agreement_detail.html",
                context={"region": region, "agreement": agreement, "can_manage": True, "today": timezone.localdate()},
                form=form,
                save=lambda f: services.agreement_update(actor=request.user, agreement=agreement, **f.cleaned_data),
                success=_("The agreement was saved."),
                redirect_to=lambda a: reverse(
                    "collaboration:agreement", kwargs={"region_slug": region.slug, "pk": a.pk}
                ),
            )
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "collaboration/agreement_detail.html",
        {
            "region": region,
            "agreement": agreement,
            "can_manage": can_manage,
            "form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
@with_region
def agreement_document(request, *, region, pk):
    agreement = get_object_or_404(Agreement, region=region, pk=pk)
    require_perm(request, "collaboration.view_internal", agreement)
    return _private_file(agreement.document, content_type="application/pdf")
