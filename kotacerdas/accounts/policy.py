"""Who must prove a second factor, and how long a sign-in lasts. Read by the login, the middleware and
the admin site; the answers come from the user's flags and their memberships (read once per request)."""

from django.conf import settings

from kotacerdas.regions.models import Membership
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
