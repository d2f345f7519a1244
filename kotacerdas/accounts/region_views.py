"""The region admin's page of locked accounts among the region's members, with an unlock button each, and
the page where the admin gives a citizen a temporary password."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Membership

from . import passwords, services
from .forms import CitizenPasswordForm
from .lockout import locked_usernames
from .views import lockout_minutes


def _locked_members(region) -> list[tuple[Membership, int]]:
    """(membership, failed logins) of the region's members whose account is locked now; one row per person."""
    locked = locked_usernames()
    rows = {}
    memberships = (
        Membership.objects.filter(region=region, user__username__in=list(locked))
        .select_related("user", "agency")
        .order_by("user__username", "role")
    )
    for membership in memberships:
        rows.setdefault(membership.user_id, (membership, locked[membership.user.username]))
    return list(rows.values())


@login_required
@with_region
def locked_accounts(request, *, region):
    require_perm(request, "accounts.unlock_member", region)
    context = {"region": region, "rows": _locked_members(region), "cooloff_minutes": lockout_minutes()}
    return render(request, "accounts/locked_accounts.html", context)


@login_required
@with_region
@require_POST
def unlock(request, *, region, membership_id: int):
    require_perm(request, "accounts.unlock_member", region)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_id, region=region)
    services.account_unlock(actor=request.user, membership=membership)
    messages.success(request, _("%(username)s can log in again.") % {"username": membership.user.get_username()})
    return redirect("accounts_region:locked", region_slug=region.slug)


@login_required
@with_region
def citizen_password(request, *, region):
    """The region admin gives a citizen who signed up with a phone number (no e-mail for a reset link) a
    temporary password, shown here once, after checking who is asking (docs/citizens.md)."""
    require_perm(request, "accounts.reset_citizen_password", region)
    form = CitizenPasswordForm(request.POST or None)
    context = {"region": region, "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user, password = passwords.citizen_password_reset_by_admin(
                    actor=request.user, region=region, identifier=form.cleaned_data["identifier"]
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                context.update(citizen=user, password=password)
                status = 200
    response = render(request, "accounts/citizen_password.html", context, status=status)
    response["Cache-Control"] = "no-store"  # the temporary password stays out of every cache
    return response
