""" "My account" (/r/<slug>/akun/): what the signed-in person did in this region — their reports with their
status, their ideas, the ideas they support, and the surveys with whether they answered. Only their own
things, read through each app's selectors; never cached (it is one person's page)."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kotacerdas.accounts.policy import is_staff_account
from kotacerdas.ideas.selectors import ideas_of_person
from kotacerdas.participation.selectors import reports_of_reporter
from kotacerdas.regions.access import with_region
from kotacerdas.regions.rules import roles_of
from kotacerdas.surveys.selectors import surveys_for_person


@never_cache
@require_GET
@with_region
def citizen_account(request, *, region):
    user = request.user
    if not user.is_authenticated:
        login = reverse("accounts_region:login", kwargs={"region_slug": region.slug})
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    ideas = ideas_of_person(region=region, user=user)
    context = {
        "region": region,
        "is_member": bool(roles_of(user).get(region.pk)),
        "is_staff": is_staff_account(user),
        "reports": reports_of_reporter(region=region, user=user),
        "ideas": ideas["ideas"],
        "supported": ideas["supported"],
        "surveys": surveys_for_person(region=region, user=user),
    }
    return render(request, "portal/account.html", context)
