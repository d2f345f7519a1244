"""Who may do what in a region. Views, the API and templates ask these rules; tests sweep them.

Predicates take `(user, target)` where target is a Region or any row with `region_id`.
Memberships are read once per user object and cached on it, so a page asking many rules costs one query.
"""

import rules
from django.db import connection

from kotacerdas.common.sql import select_where

from .models import Membership

Role = Membership.Role
STAFF_ROLES = frozenset({Role.REGION_ADMIN, Role.TIM_PELAKSANA, Role.DEWAN, Role.AGENCY_OFFICER})


def region_id_of(target) -> int | None:
    if target is None:
        return None
    from .models import Region

    if isinstance(target, Region):
        return target.pk
    return getattr(target, "region_id", None)


def _load_memberships(user) -> None:
    """Read the user's memberships once (one query) and keep roles and agencies on the user object."""
    roles: dict[int, set[str]] = {}
    agencies: dict[int, set[int]] = {}
    for region_id, role, agency_id in _membership_rows(user.pk):
        roles.setdefault(region_id, set()).add(role)
        if role == Role.AGENCY_OFFICER and agency_id:
            agencies.setdefault(region_id, set()).add(agency_id)
    user._kc_roles = roles
    user._kc_agencies = agencies


def _membership_rows(user_id: int) -> list[tuple]:
    """(region_id, role, agency_id) of the user's memberships. Every signed-in request asks this (the second
    factor rule, the personal header), so it is one plain statement: the ORM's query building cost ~10× the
    statement itself (issue 18, target 3; docs/bench.md)."""
    with connection.cursor() as cursor:
        cursor.execute(select_where(Membership, "user", ("region", "role", "agency")), [user_id])
        return cursor.fetchall()


def roles_of(user) -> dict[int, set[str]]:
    """{region_id: {role, ...}} for an authenticated user, cached on the user object."""
    if not user.is_authenticated:
        return {}
    if getattr(user, "_kc_roles", None) is None:
        _load_memberships(user)
    return user._kc_roles


def agency_ids_of(user, region_id: int) -> set[int]:
    """Agencies the user reports for as an agency officer in that region."""
    if not user.is_authenticated:
        return set()
    if getattr(user, "_kc_agencies", None) is None:
        _load_memberships(user)
    return user._kc_agencies.get(region_id, set())


def reporting_scope(user, region) -> frozenset[int] | None:
    """The agencies whose programmes the user reports on in the region ("my programmes"): None for every
    agency (a region admin may report on any agency's behalf), else their own agencies."""
    if user.has_perm("regions.manage_region", region):
        return None
    return frozenset(agency_ids_of(user, region.pk))


def _has_role(*wanted):
    wanted = frozenset(wanted)

    def check(user, target) -> bool:
        return bool(roles_of(user).get(region_id_of(target), set()) & wanted)

    return check


is_region_admin = rules.predicate(_has_role(Role.REGION_ADMIN), name="is_region_admin")
is_tim_pelaksana = rules.predicate(_has_role(Role.TIM_PELAKSANA), name="is_tim_pelaksana")
is_dewan = rules.predicate(_has_role(Role.DEWAN), name="is_dewan")
is_agency_officer = rules.predicate(_has_role(Role.AGENCY_OFFICER), name="is_agency_officer")
is_region_staff = rules.predicate(_has_role(*STAFF_ROLES), name="is_region_staff")
is_region_member = rules.predicate(_has_role(*Role.values), name="is_region_member")


@rules.predicate
def is_national_evaluator(user) -> bool:
    return bool(user.is_authenticated and user.is_national_evaluator)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


# Reading what is not public yet (drafts, internal dashboards): the region's own staff and the Tim Ahli.
can_read_internal = is_region_staff | is_national_evaluator | is_superuser
can_manage_region = is_region_admin | is_superuser

rules.add_perm("regions.view_internal", can_read_internal)
rules.add_perm("regions.manage_region", can_manage_region)
rules.add_perm("regions.view_audit", can_manage_region)
rules.add_perm("regions.import_codes", is_superuser)  # creating regions is the platform operator's
