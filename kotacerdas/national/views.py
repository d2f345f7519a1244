"""The installation's home (the public national page), starting a region, and its first admin's invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kotacerdas.accounts.views import start_session
from kotacerdas.common.cache import national_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm

from . import coordinates, selectors, services
from .forms import InvitationAcceptForm, RegionStartForm


def _cohort(raw: str) -> int | None:
    """The cohort filter: a year, or None when empty or not a year (an unknown value filters nothing out)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


@require_GET
@national_page
def home(request):
    province = (request.GET.get("provinsi") or "").strip()[:120]
    cohort = _cohort(request.GET.get("angkatan", ""))
    overview = selectors.national_overview(province=province, cohort=cohort)
    return render(
        request,
        "national/home.html",
        {
            "overview": overview,
            "province": province,
            "cohort": cohort,
            "map_width": coordinates.WIDTH,
            "map_height": coordinates.HEIGHT,
        },
    )


@login_required
def region_start(request):
    """A national administrator starts a region from its official code and invites its first admin."""
    require_perm(request, "national.start_region")
    form = RegionStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            region, _token = services.region_start(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(region)s was started at Bimtek I; the invitation was sent to %(email)s.")
                % {"region": region.display_name, "email": form.cleaned_data["admin_email"]},
            )
            return redirect("planning:workspace", region_slug=region.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "national/region_start.html", {"form": form}, status=status)


def invitation(request, token):
    """The invited admin's one-time link: choose a password, get the account and the role, land in the region."""
    try:
        invite = services.invitation_for_token(token=token)
    except ApplicationError as exc:
        return _no_store(render(request, "national/invitation.html", {"error": exc.message}, status=410))
    form = InvitationAcceptForm(request.POST or None, initial={"name": invite.name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, password=form.cleaned_data["password1"], name=form.cleaned_data["name"]
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            start_session(request, user)
            return redirect("planning:workspace", region_slug=invite.region.slug)
    status = 400 if request.method == "POST" else 200
    response = render(request, "national/invitation.html", {"form": form, "invite": invite}, status=status)
    return _no_store(response)


def _no_store(response):
    # The token is in the path: keep it out of shared caches and of the Referer sent to other sites.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
