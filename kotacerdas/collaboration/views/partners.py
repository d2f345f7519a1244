"""Partners: the staff register, a partner's page and contacts, the public list, a partner user's way in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import ContactForm, PartnerForm
from ..models import Partner, PartnerContact
from ._common import _form_page, _get


@login_required
@with_region
def partner_list(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    category = request.GET.get("kategori", "")
    if category not in Partner.Category.values:
        category = ""
    return render(
        request,
        "collaboration/partner_list.html",
        {
            "region": region,
            "partners": selectors.partner_list(region=region, category=category),
            "categories": Partner.Category.choices,
            "category": category,
            "can_manage": request.user.has_perm("collaboration.manage", region),
        },
    )


@login_required
@with_region
def partner_create(request, *, region):
    require_perm(request, "collaboration.manage", region)
    form = PartnerForm(request.POST or None, region=region)
    return _form_page(
        request,
        template="collaboration/partner_form.html",
        context={"region": region},
        form=form,
        save=lambda f: services.partner_create(actor=request.user, region=region, **f.cleaned_data),
        success=_("The partner was added."),
        redirect_to=lambda p: reverse("collaboration:partner", kwargs={"region_slug": region.slug, "pk": p.pk}),
    )


@login_required
@with_region
def partner_detail(request, *, region, pk):
    partner = _get(selectors.partner_detail, region=region, pk=pk)
    require_perm(request, "collaboration.view_partner", partner)
    can_manage = request.user.has_perm("collaboration.manage", region)
    return render(
        request,
        "collaboration/partner_detail.html",
        {
            "region": region,
            "partner": partner,
            "can_manage": can_manage,
            "contact_form": ContactForm(region=region) if can_manage else None,
        },
    )


@login_required
@with_region
def partner_edit(request, *, region, pk):
    partner = get_object_or_404(Partner, region=region, pk=pk)
    require_perm(request, "collaboration.manage", partner)
    initial = {f: getattr(partner, f) for f in services.PARTNER_FIELDS}
    initial["programmes"] = list(partner.programmes.all())
    form = PartnerForm(request.POST or None, region=region, initial=initial)
    return _form_page(
        request,
        template="collaboration/partner_form.html",
        context={"region": region, "partner": partner},
        form=form,
        save=lambda f: services.partner_update(actor=request.user, partner=partner, **f.cleaned_data),
        success=_("The partner was saved."),
        redirect_to=lambda p: reverse("collaboration:partner", kwargs={"region_slug": region.slug, "pk": p.pk}),
    )


@login_required
@require_POST
@with_region
def contact_add(request, *, region, pk):
    partner = get_object_or_404(Partner, region=region, pk=pk)
    require_perm(request, "collaboration.manage", partner)
    form = ContactForm(request.POST, region=region)
    if form.is_valid():
        try:
            services.partner_contact_add(actor=request.user, partner=partner, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The contact person was added."))
            return redirect("collaboration:partner", region_slug=region.slug, pk=pk)
    partner = _get(selectors.partner_detail, region=region, pk=pk)
    context = {"region": region, "partner": partner, "can_manage": True, "contact_form": form}
    return render(request, "collaboration/partner_detail.html", context, status=400)


@login_required
@require_POST
@with_region
def contact_remove(request, *, region, pk, contact_pk):
    contact = get_object_or_404(PartnerContact, region=region, partner_id=pk, pk=contact_pk)
    require_perm(request, "collaboration.manage", contact)
    services.partner_contact_remove(actor=request.user, contact=contact)
    messages.success(request, _("The contact person was removed."))
    return redirect("collaboration:partner", region_slug=region.slug, pk=pk)


@require_GET
@public_page
@with_region
def partners_public(request, *, region):
    """The public partners page: consenting partners only, never their contact people."""
    partners = selectors.partners_public(region=region)
    groups = []
    for value, label in Partner.Category.choices:
        members = [p for p in partners if p.category == value]
        if members:
            groups.append((value, label, members))
    return render(
        request,
        "collaboration/partners_public.html",
        {
            "region": region,
            "groups": groups,
            "total": len(partners),
            "commitments": selectors.commitments_public(region=region),
        },
    )


@login_required
@with_region
def my_organisation(request, *, region):
    """A partner-role user's way in: their organisation's page."""
    contact = PartnerContact.objects.filter(region=region, user=request.user).select_related("partner").first()
    if contact is None:
        # A partner account not linked to its organisation yet: say so and who can fix it, not a bare 403.
        return render(request, "collaboration/no_organisation.html", {"region": region})
    if not request.user.has_perm("collaboration.view_partner", contact.partner):
        raise PermissionDenied
    return redirect("collaboration:partner", region_slug=region.slug, pk=contact.partner_id)
