"""Collaboration pages. Thin: parse, check the rule, call a service or selector, render.

Staff pages live under /r/<region>/kolaborasi/; the public ones (partners, a published commitment and its
verification, the one-time signing link) outside it. Every object is looked up through the URL's region.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.cache import public_page, region_cache_version
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.files import private_file_response
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .forms import (
    AgreementForm,
    BodyForm,
    BodyMemberForm,
    CommitmentForm,
    CommitmentTextForm,
    ContactForm,
    ContributionForm,
    MemberEndForm,
    PartnerForm,
    SignatoryForm,
    SignForm,
)
from .models import Agreement, BodyMember, Commitment, Contribution, Partner, PartnerContact, Signatory


def _get(qs_or_fn, **kwargs):
    try:
        return qs_or_fn(**kwargs)
    except (Partner.DoesNotExist, Commitment.DoesNotExist, Agreement.DoesNotExist):
        raise Http404 from None


def _form_page(request, *, template: str, context: dict, form, save, success: str, redirect_to):
    """POST: run `save(form)` (a service call); on success redirect, else re-render with the errors (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to(result))
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


def _public_url(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def qr_svg(url: str) -> str:
    """An inline SVG QR code for the URL (segno, pure Python)."""
    return segno.make(url, error="m").svg_inline(scale=4, dark="#1b1f23", title=url)


# --- dashboard ------------------------------------------------------------------------------------------


@login_required
@with_region
def dashboard(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    # Same for every staff member: the template caches the body under the region's version (bumped by every
    # audited change), so the figures below are only computed on a miss.
    data = SimpleLazyObject(lambda: selectors.dashboard(region=region))
    return render(
        request,
        "collaboration/dashboard.html",
        {
            "region": region,
            "data": data,
            "can_manage": request.user.has_perm("collaboration.manage", region),
            "cache_version": region_cache_version(region.slug),
            "category_rows": SimpleLazyObject(
                lambda: [(label, count, value) for value, label, count in data.by_category]
            ),
            "max_category": SimpleLazyObject(lambda: max([c for _v, _l, c in data.by_category] or [1]) or 1),
        },
    )


# --- partners -------------------------------------------------------------------------------------------


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
        {"region": region, "groups": groups, "total": len(partners)},
    )


# --- commitments ----------------------------------------------------------------------------------------


def _commitment_or_404(region, pk, *, published_only=False) -> Commitment:
    return _get(selectors.commitment_detail, region=region, pk=pk, published_only=published_only)


@login_required
@with_region
def commitment_list(request, *, region):
    require_perm(request, "collaboration.view_internal", region)
    return render(
        request,
        "collaboration/commitment_list.html",
        {
            "region": region,
            "commitments": selectors.commitment_list(region=region),
            "can_manage": request.user.has_perm("collaboration.manage", region),
        },
    )


@login_required
@with_region
def commitment_create(request, *, region):
    require_perm(request, "collaboration.manage", region)
    form = CommitmentForm(request.POST or None)
    return _form_page(
        request,
        template="collaboration/commitment_form.html",
        context={"region": region},
        form=form,
        save=lambda f: services.commitment_create(actor=request.user, region=region, **f.cleaned_data),
        success=_("The commitment was created. Add its signatories next."),
        redirect_to=lambda c: reverse("collaboration:commitment", kwargs={"region_slug": region.slug, "pk": c.pk}),
    )


def _commitment_context(request, region, commitment, **extra):
    rows = selectors.commitment_verification(commitment)
    can_manage = request.user.has_perm("collaboration.manage", region)
    mine = [r for r in rows if r.signatory.user_id == request.user.pk and not r.has_signed]
    return {
        "region": region,
        "commitment": commitment,
        "rows": rows,
        "can_manage": can_manage,
        "my_rows": mine,
        "sign_form": SignForm(initial={"text_hash": commitment.text_hash}) if mine else None,
        "signatory_form": extra.pop("signatory_form", None) or (SignatoryForm(region=region) if can_manage else None),
        "public_url": reverse(
            "collaboration:commitment_public", kwargs={"region_slug": region.slug, "pk": commitment.pk}
        ),
        **extra,
    }


@login_required
@with_region
def commitment_detail(request, *, region, pk):
    """The organisers' page; a signatory with an account also lands here to sign."""
    commitment = _commitment_or_404(region, pk)
    is_signatory = any(s.user_id == request.user.pk for s in commitment.signatories.all())
    if not is_signatory:
        require_perm(request, "collaboration.view_internal", commitment)
    return render(request, "collaboration/commitment_detail.html", _commitment_context(request, region, commitment))


@login_required
@with_region
def commitment_edit_text(request, *, region, pk):
    commitment = get_object_or_404(Commitment, region=region, pk=pk)
    require_perm(request, "collaboration.manage", commitment)
    form = CommitmentTextForm(request.POST or None, initial={"title": commitment.title, "text": commitment.text})
    return _form_page(
        request,
        template="collaboration/commitment_text_form.html",
        context={
            "region": region,
            "commitment": commitment,
            "signature_count": commitment.signatories.filter(signatures__isnull=False).count(),
        },
        form=form,
        save=lambda f: services.commitment_update_text(actor=request.user, commitment=commitment, **f.cleaned_data),
        success=_("The text was saved. Signatures given to the earlier text are no longer valid."),
        redirect_to=lambda c: reverse("collaboration:commitment", kwargs={"region_slug": region.slug, "pk": c.pk}),
    )


@login_required
@require_POST
@with_region
def signatory_add(request, *, region, pk):
    commitment = get_object_or_404(Commitment, region=region, pk=pk)
    require_perm(request, "collaboration.manage", commitment)
    form = SignatoryForm(request.POST, region=region)
    if form.is_valid():
        try:
            services.signatory_add(actor=request.user, commitment=commitment, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The signatory was added."))
            return redirect("collaboration:commitment", region_slug=region.slug, pk=pk)
    commitment = _commitment_or_404(region, pk)
    context = _commitment_context(request, region, commitment, signatory_form=form)
    return render(request, "collaboration/commitment_detail.html", context, status=400)


@login_required
@require_POST
@with_region
def commitment_sign(request, *, region, pk, signatory_pk):
    signatory = get_object_or_404(
        Signatory.objects.select_related("commitment"), region=region, commitment_id=pk, pk=signatory_pk
    )
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm you have read the text."))
    else:
        try:
            services.commitment_sign(
                actor=request.user, signatory=signatory, expected_hash=form.cleaned_data["text_hash"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you: your signature was recorded."))
    return redirect("collaboration:commitment", region_slug=region.slug, pk=pk)


@login_required
@require_POST
@with_region
def signing_link_send(request, *, region, pk, signatory_pk):
    signatory = get_object_or_404(
        Signatory.objects.select_related("commitment__region", "agency", "partner"),
        region=region,
        commitment_id=pk,
        pk=signatory_pk,
    )
    require_perm(request, "collaboration.manage", signatory)
    try:
        services.signing_link_create(actor=request.user, signatory=signatory)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("A one-time signing link was sent to %(email)s.") % {"email": signatory.email})
    return redirect("collaboration:commitment", region_slug=region.slug, pk=pk)


@login_required
@require_POST
@with_region
def commitment_publish(request, *, region, pk):
    commitment = get_object_or_404(Commitment, region=region, pk=pk)
    require_perm(request, "collaboration.manage", commitment)
    published = request.POST.get("published") == "1"
    services.commitment_set_published(actor=request.user, commitment=commitment, published=published)
    messages.success(request, _("The commitment is public now.") if published else _("The commitment is hidden now."))
    return redirect("collaboration:commitment", region_slug=region.slug, pk=pk)


def _public_commitment_context(request, region, commitment):
    verify_url = _public_url(request, "collaboration:commitment_verify", region_slug=region.slug, pk=commitment.pk)
    rows = selectors.commitment_verification(commitment)
    return {
        "region": region,
        "commitment": commitment,
        "rows": rows,
        "verify_url": verify_url,
        "qr": qr_svg(verify_url),
        "valid_count": sum(1 for r in rows if r.has_signed),
    }


@require_GET
@public_page
@with_region
def commitment_public(request, *, region, pk):
    commitment = _commitment_or_404(region, pk, published_only=True)
    return render(
        request, "collaboration/commitment_public.html", _public_commitment_context(request, region, commitment)
    )


@require_GET
@public_page
@with_region
def commitment_verify(request, *, region, pk):
    """Recompute the text's SHA-256 and compare each signature with it."""
    commitment = _commitment_or_404(region, pk, published_only=True)
    return render(
        request, "collaboration/commitment_verify.html", _public_commitment_context(request, region, commitment)
    )


@require_GET
@with_region
def commitment_pdf(request, *, region, pk):
    """A printable PDF: public for a published commitment, for the region's staff before."""
    commitment = _commitment_or_404(region, pk)
    if not request.user.has_perm("collaboration.view_commitment", commitment):
        raise Http404 if not request.user.is_authenticated else PermissionDenied
    from .pdf import commitment_pdf_bytes

    context = _public_commitment_context(request, region, commitment)
    content = commitment_pdf_bytes(context)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="komitmen-{commitment.pk}.pdf"'
    return response


@never_cache
@with_region
def sign_link(request, *, region, token):
    """The one-time signing link: the signatory reads the text and signs without an account."""
    try:
        link = services.signing_link_for_token(region=region, token=token)
    except ApplicationError as exc:
        response = render(request, "collaboration/sign_link.html", {"region": region, "error": exc.message}, status=410)
        response["Referrer-Policy"] = "same-origin"
        return response
    signatory = link.signatory
    commitment = signatory.commitment
    form = SignForm(request.POST or None, initial={"text_hash": commitment.text_hash})
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.commitment_sign_with_link(
                region=region, token=token, expected_hash=form.cleaned_data["text_hash"]
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
    status = 400 if request.method == "POST" and done is None else 200
    response = render(
        request,
        "collaboration/sign_link.html",
        {
            "region": region,
            "signatory": signatory,
            "commitment": commitment,
            "form": form,
            "done": done,
            "public_url": reverse(
                "collaboration:commitment_public", kwargs={"region_slug": region.slug, "pk": commitment.pk}
            )
            if commitment.is_published
            else "",
        },
        status=status,
    )
    # The token must not leak to other sites through the Referer header.
    response["Referrer-Policy"] = "same-origin"
    return response


# --- agreements -----------------------------------------------------------------------------------------


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


def _private_file(field, *, content_type: str | None = None):
    return private_file_response(field, content_type=content_type)


@login_required
@with_region
def agreement_document(request, *, region, pk):
    agreement = get_object_or_404(Agreement, region=region, pk=pk)
    require_perm(request, "collaboration.view_internal", agreement)
    return _private_file(agreement.document, content_type="application/pdf")


# --- contributions --------------------------------------------------------------------------------------


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


# --- bodies ---------------------------------------------------------------------------------------------


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
