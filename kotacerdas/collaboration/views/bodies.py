"""Decree-based bodies and their members over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import BodyForm, BodyMemberForm, MemberEndForm
from ..models import BodyMember
from ._common import _form_page


@login_required
@with_region
def body_list(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    can_manage = request.user.has_perm("collaboration.manage", region)
    form = BodyForm(request.POST or None) if can_manage else None
    context = {"region": region, "bodies": selectors.body_list(region=region), "can_manage": can_manage}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        return _form_page(
            request,
            template="collaboration/body_list.html",
            context=context,
            form=form,
            save=lambda f: services.body_create(actor=request.user, region=region, **f.cleaned_data),
            success=_("The body was created."),
            redirect_to=lambda b: reverse("collaboration:body", kwargs={"region_slug": region.slug, "pk": b.pk}),
        )
    return render(request, "collaboration/body_list.html", {**context, "form": form})


@login_required
@with_region
def body_detail(request, *, region, pk):
    body = get_object_or_404(selectors.body_list(region=region), pk=pk)
    require_perm(request, "collaboration.view_internal", body)
    can_manage = request.user.has_perm("collaboration.manage", region)
    form = BodyMemberForm(request.POST or None, region=region) if can_manage else None
    context = {
        "region": region,
        "body": body,
        "can_manage": can_manage,
        "end_form": MemberEndForm(initial={"ends_on": timezone.localdate()}),
        "today": timezone.localdate(),
    }
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        return _form_page(
            request,
            template="collaboration/body_detail.html",
            context=context,
            form=form,
            save=lambda f: services.body_member_add(actor=request.user, body=body, **f.cleaned_data),
            success=_("The member was added."),
            redirect_to=lambda m: reverse("collaboration:body", kwargs={"region_slug": region.slug, "pk": pk}),
        )
    return render(request, "collaboration/body_detail.html", {**context, "form": form})


@login_required
@require_POST
@with_region
def body_member_end(request, *, region, pk, member_pk):
    member = get_object_or_404(BodyMember, region=region, body_id=pk, pk=member_pk)
    require_perm(request, "collaboration.manage", member)
    form = MemberEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the membership ends."))
    else:
        try:
            services.body_member_end(actor=request.user, member=member, ends_on=form.cleaned_data["ends_on"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The membership was ended; it stays in the body's history."))
    return redirect("collaboration:body", region_slug=region.slug, pk=pk)
