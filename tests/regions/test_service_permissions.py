"""The region services check the actor's permission: the region admin manages agencies and roles, an account
gives itself only the citizen role in an active region, and only a superuser (or the console) imports codes."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.models import Agency, Membership, Region
from kotacerdas.regions.services import agency_create, membership_grant, region_import_codes
from tests.factories import UserFactory
from tests.refusals import assert_refused

pytestmark = pytest.mark.django_db
ROWS = [("73", "SULAWESI SELATAN"), ("73.17", "KAB. LUWU"), ("73.17.01", "Larompong")]


@pytest.mark.parametrize("who", ["citizen", "tim_pelaksana", "agency_officer", "other_admin", "evaluator", None])
def test_only_the_region_admin_manages_agencies_and_roles(world, who):
    actor = world["users"][who] if who else None
    stranger = UserFactory()
    before = (Agency.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    assert_refused(lambda: agency_create(actor=actor, region=world["home"], name="Dinas Baru", acronym="DB"))
    assert_refused(lambda: membership_grant(actor=actor, region=world["home"], user=stranger, role="dewan"))
    assert_refused(lambda: region_import_codes(actor=actor or world["users"]["region_admin"], code="73.17", rows=ROWS))
    assert (Agency.objects.count(), Membership.objects.count(), AuditEvent.objects.count()) == before
    assert not Region.objects.filter(code="73.17").exists()


def test_an_account_gives_itself_only_the_citizen_role_in_an_active_region(world):
    user, home = UserFactory(), world["home"]
    assert_refused(lambda: membership_grant(actor=user, region=home, user=user, role="region_admin"))
    assert membership_grant(actor=user, region=home, user=user, role="citizen").role == "citizen"
    home.is_active = False
    home.save(update_fields=["is_active"])
    with pytest.raises(ApplicationError):
        membership_grant(actor=(late := UserFactory()), region=home, user=late, role="citizen")
    assert not Membership.objects.filter(user=late).exists()


def test_the_admin_and_a_superuser_may(world):
    agency_create(actor=world["users"]["region_admin"], region=world["home"], name="Dinas Baru", acronym="DB")
    root = UserFactory(is_superuser=True)
    assert region_import_codes(actor=root, code="73.17", rows=ROWS).region_created
    assert region_import_codes(actor=None, code="73.17", rows=ROWS).region.code == "73.17"  # the console
