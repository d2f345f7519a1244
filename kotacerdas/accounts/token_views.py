"""API tokens without a shell: a person lists, makes and revokes their own (under /akun/keamanan/), a region
admin lists and revokes those of the region's members. The key is shown once, on the page answering the POST
that made it; only its hash is kept. Revoking asks for confirmation on a page of its own (no JavaScript)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .forms import ApiTokenForm
from .models import ApiToken


@login_required
def api_tokens(request):
    """GET: the person's tokens and the form for a new one. POST: make one and show its key this once."""
    form = ApiTokenForm(request.POST or None)
    status, key = 200, None
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, key = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"], actor=request.user
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
        if key is None:
            status = 400
        else:
            form = ApiTokenForm()
    context = {"tokens": selectors.api_tokens_of(user=request.user), "form": form, "new_key": key}
    response = render(request, "accounts/api_tokens.html", context, status=status)
    add_never_cache_headers(response)  # the page with the key must not be kept by a cache or the back button
    return response


def _confirm_or_revoke(request, token: ApiToken, back: str):
    """GET: the confirmation page; POST: revoke through the service (which checks the rule), back to `back`."""
    if request.method != "POST":
        context = {"token": token, "back": back}
        return render(request, "accounts/api_token_revoke.html", context)
    try:
        services.api_token_revoke(token=token, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect(back)


@login_required
def api_token_revoke(request, pk: int):
    """Confirm (GET), then revoke (POST) one of the person's own tokens; anyone else's is a 404."""
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk, user=request.user)
    return _confirm_or_revoke(request, token, back=reverse("accounts:api_tokens"))


@login_required
@with_region
def region_api_tokens(request, *, region):
    """The region admin's list of the members' tokens (the members make their own: the key is theirs alone)."""
    require_perm(request, "accounts.unlock_member", region)
    context = {"region": region, "tokens": selectors.api_tokens_of_region(region=region)}
    return render(request, "accounts/region_api_tokens.html", context)


@login_required
@with_region
def region_api_token_revoke(request, *, region, pk: int):
    require_perm(request, "accounts.unlock_member", region)
    token = selectors.api_tokens_of_region(region=region).filter(pk=pk).first()
    if token is None:
        raise Http404
    back = reverse("accounts_region:api_tokens", kwargs={"region_slug": region.slug})
    return _confirm_or_revoke(request, token, back=back)
