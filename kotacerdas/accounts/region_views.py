"""The region admin's page of locked accounts among the region's members, with an unlock button each."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Membership

from . import services
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
