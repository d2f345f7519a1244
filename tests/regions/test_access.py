"""The one access helper: services refuse in the user's language, views answer 403; per role and region."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.access import require_perm

# regions.manage_region: the region's admin (and superusers) only.
EXPECTED = {
    "region_admin": True,
    "tim_pelaksana": False,
    "dewan": False,
    "agency_officer": False,
    "partner": False,
    "citizen": False,
    "other_admin": False,
    "other_officer": False,
    "evaluator": False,
    "anonymous": False,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "allowed"), EXPECTED.items())
def test_ensure_allowed_per_role(world, who, allowed):
    user = world["users"][who]
    if allowed:
        ensure_allowed(user, "regions.manage_region", world["home"])
        return
    with translation.override("id"), pytest.raises(ApplicationError) as refused:
        ensure_allowed(user, "regions.manage_region", world["home"])
    assert refused.value.message == "Anda tidak diizinkan melakukan tindakan ini."


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "allowed"), EXPECTED.items())
def test_require_perm_per_role(world, who, allowed):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = world["users"][who] or AnonymousUser()
    if allowed:
        require_perm(request, "regions.manage_region", world["home"])
    else:
        with pytest.raises(PermissionDenied):
            require_perm(request, "regions.manage_region", world["home"])
