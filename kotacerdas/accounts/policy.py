"""Who must prove a second factor, and how long a sign-in lasts. Read by the login, the middleware and
the admin site; the answers come from the user's flags and their memberships (read once per request)."""

from django.conf import settings

from kotacerdas.regions.models import Membership, Region
from kotacerdas.regions.rules import STAFF_ROLES, roles_of

SESSION_HAS_DEVICE = "kc_otp_enrolled"


def requires_second_factor(user) -> bool:
    """Those who hold the keys: superusers, the Tim Ahli and every region's admin."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_national_evaluator:
        return True
    return any(Membership.Role.REGION_ADMIN in roles for roles in roles_of(user).values())


def is_staff_account(user) -> bool:
    """Anyone who works in the platform rather than only taking part as a citizen or partner."""
    if user.is_staff or user.is_superuser or user.is_national_evaluator:
        return True
    return any(roles & STAFF_ROLES for roles in roles_of(user).values())


def session_seconds(user) -> int:
    """Inactivity after which the sign-in ends: a working day for staff, a month for citizens."""
    return settings.STAFF_SESSION_SECONDS if is_staff_account(user) else settings.CITIZEN_SESSION_SECONDS


def is_citizen_only(user) -> bool:
    """Someone who only takes part as a citizen: no other role in any region, no staff flag."""
    other_roles = any(r - {Membership.Role.CITIZEN} for r in roles_of(user).values())
    return not (other_roles or is_staff_account(user))


def citizen_region_slug(user) -> str:
    """Where a citizen-only person lands after signing in without a `next`: the first active region where
    they are a citizen ("" for anyone else, who lands on the staff pages)."""
    if not is_citizen_only(user):
        return ""
    region_ids = [region_id for region_id, roles in roles_of(user).items() if Membership.Role.CITIZEN in roles]
    region = Region.objects.filter(pk__in=region_ids, is_active=True).order_by("pk").only("slug").first()
    return region.slug if region else ""
