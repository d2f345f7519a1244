"""Citizen sign-up within a region: a User whose username is the e-mail address or the phone number in
+62 form, plus a `citizen` Membership in that region."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.identifiers import normalise_identifier
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.models import Membership
from kotacerdas.regions.services import membership_grant

__all__ = ["citizen_join", "citizen_register", "normalise_identifier"]


def citizen_register(*, region, identifier: str, password: str, name: str = ""):
    """Create the person and their citizen membership in the region, in one transaction.

    Refuses a duplicate (whatever the spelling of the same e-mail or phone) and a weak password.
    """
    User = get_user_model()
    username = normalise_identifier(identifier)
    name = (name or "").strip()[:150]
    if User.objects.filter(username__iexact=username).exists():
        message = _("An account with this e-mail or phone number already exists. Please log in instead.")
        raise ApplicationError(message, fields={"identifier": [message]})
    candidate = User(username=username, first_name=name, email=username if "@" in username else "")
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as exc:
        raise ApplicationError(_("Choose a stronger password."), fields={"password1": list(exc.messages)}) from None
    try:
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
            membership_grant(actor=candidate, region=region, user=candidate, role=Membership.Role.CITIZEN)
    except IntegrityError:
        message = _("An account with this e-mail or phone number already exists. Please log in instead.")
        raise ApplicationError(message, fields={"identifier": [message]}) from None
    return candidate


def citizen_join(*, region, user) -> Membership:
    """A logged-in person of another region (or none) joins this region as a citizen."""
    return membership_grant(actor=user, region=region, user=user, role=Membership.Role.CITIZEN)
