"""Joint commitments (Komitmen Bersama): text, signatories, signatures by login or one-time link."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.notify import send_email
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.regions.models import Agency

from ..models import Commitment, Partner, Signatory, Signature, SigningLink, normalise_text
from ._common import _clean

SIGNING_LINK_DAYS = 14


@transaction.atomic
def commitment_create(*, actor, region, title: str, text: str, event_date, event_place: str) -> Commitment:
    ensure_allowed(actor, "collaboration.manage", region)
    commitment = Commitment(
        region=region,
        title=(title or "").strip(),
        text=normalise_text(text),
        event_date=event_date,
        event_place=(event_place or "").strip(),
    )
    _clean(commitment)
    commitment.save()
    record_event(
        actor=actor,
        action="commitment.create",
        obj=commitment,
        after={**snapshot(commitment), "hash": commitment.text_hash},
    )
    return commitment


@transaction.atomic
def commitment_update_text(*, actor, commitment: Commitment, text: str, title: str | None = None) -> Commitment:
    """Change the text (and optionally the title). Signatures over the old text stay, and become invalid."""
    ensure_allowed(actor, "collaboration.manage", commitment)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    before = {"title": commitment.title, "text": commitment.text, "hash": commitment.text_hash}
    commitment.text = normalise_text(text)
    if title is not None:
        commitment.title = title.strip()
    _clean(commitment)
    after = {"title": commitment.title, "text": commitment.text, "hash": commitment.text_hash}
    if after == before:
        return commitment
    commitment.save(update_fields=["title", "text", "updated_at"])
    invalidated = Signature.objects.filter(signatory__commitment=commitment, text_hash=before["hash"]).count()
    record_event(
        actor=actor,
        action="commitment.update_text",
        obj=commitment,
        before=before,
        after=after,
        note=_("%(n)s signature(s) no longer match the text.") % {"n": invalidated} if invalidated else "",
    )
    return commitment


@transaction.atomic
def commitment_set_published(*, actor, commitment: Commitment, published: bool) -> Commitment:
    ensure_allowed(actor, "collaboration.manage", commitment)
    if commitment.is_published != published:
        commitment.is_published = published
        commitment.save(update_fields=["is_published", "updated_at"])
        record_event(actor=actor, action="commitment.publish" if published else "commitment.unpublish", obj=commitment)
    return commitment


@transaction.atomic
def signatory_add(
    *,
    actor,
    commitment: Commitment,
    name: str,
    position: str,
    email: str = "",
    agency: Agency | None = None,
    partner: Partner | None = None,
    user=None,
) -> Signatory:
    ensure_allowed(actor, "collaboration.manage", commitment)
    errors: dict = {}
    if agency is not None and agency.region_id != commitment.region_id:
        errors["agency"] = [_("An agency of another region cannot sign this commitment.")]
    if partner is not None and partner.region_id != commitment.region_id:
        errors["partner"] = [_("A partner of another region cannot sign this commitment.")]
    if (agency is None) == (partner is None):
        errors.setdefault("__all__", []).append(_("Choose the agency or the partner the person signs for."))
    signatory = Signatory(
        region_id=commitment.region_id,
        commitment=commitment,
        name=(name or "").strip(),
        position=(position or "").strip(),
        email=email or "",
        agency=agency,
        partner=partner,
        user=user,
        order=commitment.signatories.count(),
    )
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    _clean(signatory, exclude=["commitment", "region", "agency", "partner", "user"])
    signatory.save()
    record_event(
        actor=actor,
        action="signatory.add",
        obj=commitment,
        after={"signatory": signatory.pk, "name": signatory.name, "on_behalf_of": signatory.on_behalf_of},
    )
    return signatory


def _sign(*, signatory: Signatory, expected_hash: str, method: str, user) -> Signature:
    """Record the signature over the commitment's current text, refusing a stale view or a second signature."""
    commitment = Commitment.objects.select_for_update().get(pk=signatory.commitment_id)
    current = commitment.text_hash
    if expected_hash and expected_hash != current:
        raise ApplicationError(
            _("The text changed while you were reading it. Read the new text and sign again."),
            fields={"text_hash": [_("The text changed.")]},
        )
    if Signature.objects.filter(signatory=signatory, text_hash=current).exists():
        raise ApplicationError(_("%(name)s has already signed this text.") % {"name": signatory.name})
    try:
        with transaction.atomic():
            return Signature.objects.create(
                region_id=signatory.region_id,
                signatory=signatory,
                text_hash=current,
                method=method,
                signed_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:
        raise ApplicationError(_("%(name)s has already signed this text.") % {"name": signatory.name}) from None


@transaction.atomic
def commitment_sign(*, actor, signatory: Signatory, expected_hash: str = "") -> Signature:
    """The logged-in user signs as the signatory linked to their account, and only as that one."""
    if actor is None or not actor.has_perm("collaboration.sign", signatory):
        raise ApplicationError(_("You can only sign for yourself: this signatory is someone else."))
    signature = _sign(signatory=signatory, expected_hash=expected_hash, method=Signature.Method.LOGIN, user=actor)
    record_event(
        actor=actor,
        action="commitment.sign",
        obj=signatory.commitment,
        after={"signatory": signatory.pk, "hash": signature.text_hash, "method": signature.method},
    )
    return signature


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def signing_link_create(*, actor, signatory: Signatory, days: int = SIGNING_LINK_DAYS) -> tuple[SigningLink, str]:
    """Create a one-time link and e-mail it to the signatory. Returns the link and the clear token (which is
    not stored anywhere: only its hash is)."""
    ensure_allowed(actor, "collaboration.manage", signatory)
    if not signatory.email:
        raise ApplicationError(
            _("%(name)s has no e-mail address to send the link to.") % {"name": signatory.name},
            fields={"email": [_("Add an e-mail address first.")]},
        )
    commitment = signatory.commitment
    if Signature.objects.filter(signatory=signatory, text_hash=commitment.text_hash).exists():
        raise ApplicationError(_("%(name)s has already signed this text.") % {"name": signatory.name})
    token = secrets.token_urlsafe(32)
    link = SigningLink.objects.create(
        region_id=signatory.region_id,
        signatory=signatory,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=actor,
    )
    record_event(
        actor=actor, action="signing_link.create", obj=commitment, after={"signatory": signatory.pk, "link": link.pk}
    )
    url = settings.SITE_URL.rstrip("/") + reverse(
        "collaboration:sign_link", kwargs={"region_slug": commitment.region.slug, "token": token}
    )

    def compose() -> tuple[str, str]:
        subject = _("Please sign: %(title)s") % {"title": commitment.title}
        body = _(
            "Dear %(name)s,\n\nYou are invited to sign “%(title)s” on behalf of %(party)s.\n"
            "Open this personal link (valid until %(until)s, usable once):\n\n%(url)s\n"
        ) % {
            "name": signatory.name,
            "title": commitment.title,
            "party": signatory.on_behalf_of,
            "until": date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT"),
            "url": url,
        }
        return subject, body

    send_email(address=signatory.email, compose=compose)
    return link, token


def signing_link_for_token(*, region, token: str) -> SigningLink:
    """The usable link behind a token, or an ApplicationError saying why it cannot be used."""
    link = (
        SigningLink.objects.select_related("signatory__commitment", "signatory__agency", "signatory__partner")
        .filter(region=region, token_hash=_token_hash(token or ""))
        .first()
    )
    if link is None:
        raise ApplicationError(_("This signing link is not valid."))
    if link.used_at is not None:
        raise ApplicationError(_("This signing link was already used."))
    if link.expires_at <= timezone.now():
        raise ApplicationError(_("This signing link has expired. Ask the organiser for a new one."))
    return link


@transaction.atomic
def commitment_sign_with_link(*, region, token: str, expected_hash: str = "") -> Signature:
    """Sign through a one-time link: it must exist in this region, be unexpired and unused; it is used up."""
    link = signing_link_for_token(region=region, token=token)
    link = SigningLink.objects.select_for_update().get(pk=link.pk)
    if link.used_at is not None:  # another request used it between the look-up and the lock
        raise ApplicationError(_("This signing link was already used."))
    signatory = link.signatory
    signature = _sign(signatory=signatory, expected_hash=expected_hash, method=Signature.Method.LINK, user=None)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at", "updated_at"])
    record_event(
        actor=None,
        action="commitment.sign",
        obj=signatory.commitment,
        after={"signatory": signatory.pk, "hash": signature.text_hash, "method": signature.method, "link": link.pk},
        note=_("Signed by %(name)s through a one-time link.") % {"name": signatory.name},
    )
    return signature
