"""Starting a region without a developer: from its official code, with its districts and villages, the default
dimensions, the four Bimtek rounds and the readiness questionnaire, this year's evaluation framework, and an
e-mailed one-time invitation of its first admin (docs/national.md)."""

import datetime
import hashlib
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.i18n import active_site_language
from kotacerdas.common.notify import send_email
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.evaluation.models import Framework
from kotacerdas.evaluation.services import framework_create
from kotacerdas.masterplan.defaults import dimensions_seed_defaults
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.planning.services import planning_start
from kotacerdas.regions.models import Membership, Region
from kotacerdas.regions.services import membership_grant, official_code_rows, region_import_codes

from .models import AdminInvitation

INVITATION_DAYS = 7
PLAN_YEARS = 10


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_start(*, code: str, slug: str, email: str, rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    names = dict(rows)
    if not re.fullmatch(r"\d{2}\.\d{2}", code):
        errors["code"] = [_("Use the Kemendagri code, e.g. 73.22.")]
    elif Region.objects.filter(code=code).exists():
        errors["code"] = [_("Region %(code)s is already on the platform.") % {"code": code}]
    elif code not in names:
        errors["code"] = [_("No region has the code %(code)s in the official list.") % {"code": code}]
    if slug and Region.objects.filter(slug=slug).exists():
        errors["slug"] = [_("Another region already uses this address.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["admin_email"] = [_("Enter a valid e-mail address.")]
    else:
        if get_user_model().objects.filter(username__iexact=email).exists():
            errors["admin_email"] = [_("An account with this e-mail already exists: ask a region admin to add it.")]
    return errors


@transaction.atomic
def region_start(
    *,
    actor,
    code: str,
    admin_email: str,
    admin_name: str = "",
    slug: str = "",
    rows: Iterable[tuple[str, str]] | None = None,
    today: datetime.date | None = None,
) -> tuple[Region, str]:
    """Create the region and everything it starts with, and invite its first admin. Returns the region and
    the invitation's clear token (only its hash is stored). Nothing is created when anything is refused."""
    ensure_allowed(actor, "national.start_region")
    code, slug, email = code.strip(), slugify(slug.strip()), admin_email.strip().lower()
    rows = list(rows if rows is not None else official_code_rows())
    errors = _check_start(code=code, slug=slug, email=email, rows=rows)
    if errors:
        raise ApplicationError(_("The region was not started: check the form."), fields=errors)
    today = today or timezone.localdate()
    region = region_import_codes(actor=actor, code=code, rows=rows, slug=slug or None).region
    dimensions_seed_defaults(region=region)
    masterplan = Masterplan.objects.create(
        region=region,
        title=f"{region.display_name} Smart City {today.year}–{today.year + PLAN_YEARS - 1}",
        period_start_year=today.year,
        period_end_year=today.year + PLAN_YEARS - 1,
    )
    record_event(actor=actor, action="masterplan.create", obj=masterplan, after=snapshot(masterplan))
    planning_start(masterplan=masterplan, actor=actor)
    if not Framework.objects.filter(year=today.year).exists():
        framework_create(actor=actor, year=today.year, copy_from=Framework.objects.order_by("-year").first())
    token = _invite(actor=actor, region=region, email=email, name=admin_name.strip()[:150])
    return region, token


def _invite(*, actor, region: Region, email: str, name: str) -> str:
    token = secrets.token_urlsafe(32)
    invitation = AdminInvitation.objects.create(
        region=region,
        email=email,
        name=name,
        token_hash=_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
        created_by=actor,
    )
    record_event(actor=actor, action="admin_invitation.create", obj=region, after={"email": email, "id": invitation.pk})
    url = settings.SITE_URL.rstrip("/") + reverse("national:invitation", kwargs={"token": token})

    def compose() -> tuple[str, str]:
        subject = _("You are invited to run %(region)s on Kota Cerdas") % {"region": region.display_name}
        body = _(
            "Dear %(name)s,\n\nYou are invited to be the first admin of %(region)s on Kota Cerdas.\n"
            "Open this personal link (valid until %(until)s, usable once) to choose your password:\n\n%(url)s\n"
        ) % {
            "name": name or email,
            "region": region.display_name,
            "until": date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"),
            "url": url,
        }
        return subject, body

    send_email(address=email, compose=compose)
    return token


def invitation_for_token(*, token: str) -> AdminInvitation:
    """The usable invitation behind a token, or an ApplicationError saying why it cannot be used."""
    invitation = AdminInvitation.objects.select_related("region").filter(token_hash=_hash(token or "")).first()
    if invitation is None:
        raise ApplicationError(_("This invitation link is not valid."))
    if invitation.used_at is not None:
        raise ApplicationError(_("This invitation link was already used. Log in with your e-mail and password."))
    if invitation.expires_at <= timezone.now():
        raise ApplicationError(_("This invitation link has expired. Ask the national administrator for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, name: str = ""):
    """Create the invited admin's account and role, and use the link up. Returns the new user."""
    invitation = invitation_for_token(token=token)
    invitation = AdminInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:  # another request used it between the look-up and the lock
        raise ApplicationError(_("This invitation link was already used. Log in with your e-mail and password."))
    User = get_user_model()
    if User.objects.filter(username__iexact=invitation.email).exists():
        raise ApplicationError(_("An account with this e-mail already exists: log in instead."))
    candidate = User(username=invitation.email, email=invitation.email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ApplicationError(_("Choose another password."), fields={"password1": list(exc.messages)}) from None
    full = (name or invitation.name).strip()[:150]
    user = User.objects.create_user(
        username=invitation.email, email=invitation.email, password=password, language=active_site_language()
    )
    user.first_name = full
    user.save(update_fields=["first_name"])
    # The national administrator who sent the invitation grants the role: the acceptance only proves the e-mail.
    membership_grant(
        actor=invitation.created_by, region=invitation.region, user=user, role=Membership.Role.REGION_ADMIN
    )
    invitation.used_at, invitation.user = timezone.now(), user
    invitation.save(update_fields=["used_at", "user", "updated_at"])
    record_event(actor=user, action="admin_invitation.accept", obj=invitation.region, after={"id": invitation.pk})
    return user
