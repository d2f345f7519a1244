"""Citizen sign-up at /r/<slug>/daftar/."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import with_region

from .. import signup, throttle
from ..forms import SignupForm


def _next_url(request, region) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("ideas:list", kwargs={"region_slug": region.slug})


@with_region
def signup_view(request, *, region):
    """Citizens register within their region; a logged-in person may join the region as a citizen."""
    next_url = _next_url(request, region)
    if request.user.is_authenticated:
        if request.method == "POST" and request.POST.get("join"):
            signup.citizen_join(region=region, user=request.user)
            messages.success(request, _("You joined %(region)s as a citizen.") % {"region": region.display_name})
            return redirect(next_url)
        return render(request, "ideas/signup.html", {"region": region, "next": next_url, "form": None})
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not throttle.allowed(throttle.SIGNUP, request):
            form.is_valid()
            form.add_error(None, _("Too many sign-ups from this connection. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                # New or already known: the same answer, so the page tells nobody who has an account.
                signup.citizen_register(
                    region=region,
                    identifier=form.cleaned_data["identifier"],
                    password=form.cleaned_data["password1"],
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                throttle.hit(throttle.SIGNUP, request)
                sent = reverse("ideas:signup_sent", kwargs={"region_slug": region.slug})
                return redirect(f"{sent}?{urlencode({'next': next_url})}")
    return render(request, "ideas/signup.html", {"region": region, "form": form, "next": next_url}, status=status)


@with_region
def signup_sent(request, *, region):
    """What every sign-up gets, whether the e-mail or phone was new or already had an account."""
    login = reverse("accounts_region:login", kwargs={"region_slug": region.slug})
    login_url = f"{login}?{urlencode({'next': _next_url(request, region)})}"
    return render(request, "ideas/signup_sent.html", {"region": region, "login_url": login_url})
