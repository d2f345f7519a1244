"""Joint commitments: staff pages, signatories and signing; the public page, its verification and PDF;
the one-time signing link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import CommitmentForm, CommitmentTextForm, SignatoryForm, SignForm
from ..models import Commitment, Signatory
from ._common import _form_page, _get, _public_url, qr_svg


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
        "invalid_count": sum(1 for r in rows if r.has_invalid_only),
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
    from ..pdf import commitment_pdf_bytes

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
