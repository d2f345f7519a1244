"""Writes to a citizen's password: the person's own reset through the e-mailed link, and a temporary
password the region admin gives a citizen who signed up with a phone number (no e-mail to send a link to).

Both are audited without the password; both lift a lockout of the account (the person proved who they are,
to their inbox or to the admin) and end the account's other sessions (Django's session hash follows the
password).
"""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Membership
from kotacerdas.regions.rules import roles_of

from .identifiers import normalise_identifier
from .lockout import clear_failures, lockout_username
from .models import User
from .policy import is_citizen_only, requires_second_factor

# Easy to read out over the phone: no 0/O, 1/l/I.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _forget_failures(user: User) -> int:
    names = {user.get_username(), lockout_username(None, {"username": user.get_username()})}
    return sum(clear_failures(name) for name in names if name)


@transaction.atomic
def password_reset_by_link(*, user: User, password: str) -> User:
    """Set the password the person chose on the page the e-mailed link opened (the form has validated it)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    failures = _forget_failures(user)
    record_event(
        actor=user,
        action="account.password_reset",
        obj=user,
        after={"username": user.get_username(), "by": "e-mail link", "failed_logins_cleared": failures},
    )
    return user


def _citizen_only(user: User, region) -> bool:
    """A citizen of this region holding no other role anywhere, and no staff or second-factor account: an
    admin must never be able to take over a colleague's (or another region's staff) account this way."""
    if Membership.Role.CITIZEN not in roles_of(user).get(region.pk, set()):
        return False
    return is_citizen_only(user) and not requires_second_factor(user)


def temporary_password() -> str:
    groups = ["".join(secrets.choice(TEMPORARY_ALPHABET) for _i in range(4)) for _g in range(3)]
    return "-".join(groups)


@transaction.atomic
def citizen_password_reset_by_admin(*, actor: User, region, identifier: str) -> tuple[User, str]:
    """Give the citizen of `region` with this e-mail or phone (any spelling) a new temporary password, which
    is returned to be shown to the admin once (never stored in clear, never audited).

    Raises ApplicationError (field `identifier`) when no such citizen account exists in the region.
    """
    ensure_allowed(actor, "accounts.reset_citizen_password", region)
    username = normalise_identifier(identifier)
    user = User.objects.filter(username__iexact=username).first()
    if user is None or not _citizen_only(user, region):
        message = _("No citizen account of this region has that e-mail address or phone number.")
        raise ApplicationError(message, fields={"identifier": [message]})
    password = temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    failures = _forget_failures(user)
    membership = Membership.objects.get(user=user, region=region, role=Membership.Role.CITIZEN)
    record_event(
        actor=actor,
        action="account.password_reset_by_admin",
        obj=membership,
        after={"username": user.get_username(), "by": "region admin", "failed_logins_cleared": failures},
    )
    return user, password
