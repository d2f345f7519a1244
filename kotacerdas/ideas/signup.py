"""Citizen sign-up within a region: a User whose username is the e-mail address or the phone number in
+62 form, plus a `citizen` Membership in that region.

Sign-up never tells whether an e-mail or phone already has an account: a new and a known one get the same
answer ("check your inbox or phone", then log in); no second account is made, and a known account's owner
with an e-mail address is told by e-mail that someone tried."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.identifiers import normalise_identifier
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.i18n import active_site_language
from kotacerdas.common.notify import send_email
from kotacerdas.regions.models import Membership
from kotacerdas.regions.services import membership_grant

__all__ = ["citizen_join", "citizen_register", "normalise_identifier"]


def citizen_register(*, region, identifier: str, password: str, name: str = "", welcome: bool = True):
    """Create the person and their citizen membership in the region, in one transaction; return the new user,
    or None when the e-mail or phone (in any spelling) already has an account — then nothing is created and
    the owner is e-mailed. Callers answer both the same way. A weak password is refused first, for both.
    `welcome=False` (the demo's made-up people) sends the new account no welcome e-mail.
    """
    User = get_user_model()
    username = normalise_identifier(identifier)
    name = (name or "").strip()[:150]
    email = username if "@" in username else ""
    # e-mails and notices reach the person in the language they signed up in
    candidate = User(username=username, first_name=name, email=email, language=active_site_language())
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as exc:
        raise ApplicationError(_("Choose a stronger password."), fields={"password1": list(exc.messages)}) from None
    existing = User.objects.filter(username__iexact=username).first()
    if existing is None:
        try:
            with transaction.atomic():
                candidate.set_password(password)
                candidate.save()
                membership_grant(actor=candidate, region=region, user=candidate, role=Membership.Role.CITIZEN)
        except IntegrityError:  # signed up at the same moment
            existing = User.objects.filter(username__iexact=username).first()
        else:
            if welcome:
                _mail(candidate, region, known=False)
            return candidate
    if existing is not None:
        _mail(existing, region, known=True)
    return None


def _mail(user, region, *, known: bool) -> None:
    """A welcome to a new account, or to a known one a note that someone tried to sign up with its address.
    Phones get nothing: we have no SMS gateway."""
    address = user.email or (user.username if "@" in user.username else "")
    if not address:
        return
    login = settings.SITE_URL.rstrip("/") + reverse("accounts_region:login", kwargs={"region_slug": region.slug})

    def compose() -> tuple[str, str]:
        subject = _("Your account on %(region)s") % {"region": region.display_name}
        if known:
            body = _(
                "Someone tried to sign up on %(region)s with this e-mail address, which already has an account. "
                "If it was you, log in here:\n\n%(url)s\n\nIf it was not you, you can ignore this message: "
                "nothing changed on your account."
            )
        else:
            body = _("Welcome to %(region)s. Log in with this e-mail address and your password here:\n\n%(url)s\n")
        return subject, body % {"region": region.display_name, "url": login}

    send_email(address=address, user=user, compose=compose)


def citizen_join(*, region, user) -> Membership:
    """A logged-in person of another region (or none) joins this region as a citizen."""
    return membership_grant(actor=user, region=region, user=user, role=Membership.Role.CITIZEN)
