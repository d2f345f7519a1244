"""Fixtures shared by the whole suite. Each test builds its own data: no shared fixture database."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from kotacerdas.masterplan.defaults import dimensions_seed_defaults
from kotacerdas.regions.models import Membership

from .factories import (
    AgencyFactory,
    IndicatorFactory,
    MasterplanFactory,
    MembershipFactory,
    ProgrammeFactory,
    RegionFactory,
    TargetFactory,
    UserFactory,
)
from .otp import force_login_verified

ROLES = [r.value for r in Membership.Role]


@pytest.fixture(autouse=True)
def _clear_cache():
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Bahasa Indonesia), whatever the test before it activated: a
    test that reads an Indonesian sheet name or message must not depend on which tests its worker ran first."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    """The data of `build_world`, built afresh for the test."""
    return build_world()


def build_world() -> dict:
    """Two regions, each with dimensions, an agency, a masterplan and a programme with an indicator.

    `home` has an adopted masterplan; `other` a draft one. `users` holds one user per role in `home`
    (the agency officer bound to the programme's owner agency), plus `other_admin`, `other_officer`,
    `evaluator` (national) and `anonymous` (None).
    """
    home = RegionFactory(name="Luwu Utara", slug="luwu-utara", code="73.22")
    other = RegionFactory(name="Maros", slug="maros", code="73.09")
    data = {"home": home, "other": other}
    for key, region, status in (("home", home, "adopted"), ("other", other, "draft")):
        dims = dimensions_seed_defaults(region=region)
        agency = AgencyFactory(region=region, acronym="DLH")
        plan = MasterplanFactory(region=region, status=status)
        programme = ProgrammeFactory(
            masterplan=plan,
            code="GOV-01",
            dimension=dims["governance"],
            owner_agency=agency,
            is_quick_win=True,
            quick_win_year=2023,
        )
        indicator = IndicatorFactory(programme=programme)
        TargetFactory(indicator=indicator, year=2024, value=40)
        data[key + "_dims"] = dims
        data[key + "_agency"] = agency
        data[key + "_plan"] = plan
        data[key + "_programme"] = programme
    users = {}
    for role in ROLES:
        agency = data["home_agency"] if role == Membership.Role.AGENCY_OFFICER else None
        users[role] = MembershipFactory(region=home, role=role, agency=agency, user=UserFactory(username=role)).user
    users["other_admin"] = MembershipFactory(
        region=other, role="region_admin", user=UserFactory(username="other_admin")
    ).user
    users["other_officer"] = MembershipFactory(
        region=other, role="agency_officer", agency=data["other_agency"], user=UserFactory(username="other_officer")
    ).user
    users["evaluator"] = UserFactory(username="evaluator", is_national_evaluator=True)
    users["anonymous"] = None
    data["users"] = users
    return data


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (or anonymous for None); with the second
    factor given for those whose role requires one."""

    def make(user):
        client.logout()
        if user is not None:
            force_login_verified(client, user)
        return client

    return make
