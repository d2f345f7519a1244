"""Every write of collaboration: validated, atomic, audited. Permission checks happen here too, because the
same services serve the pages, the API and the commands."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.uploads import check_document
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.access import require_rule
from kotacerdas.regions.models import Agency

from .models import (
    Agreement,
    Body,
    BodyMember,
    Commitment,
    Contribution,
    Partner,
    PartnerContact,
    Signatory,
    Signature,
    SigningLink,
    normalise_text,
)

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
SIGNING_LINK_DAYS = 14


def _clean(obj, *, exclude=(), errors: dict | None = None) -> None:
    """Run the model's validation (fields and constraints) and raise one ApplicationError with every error."""
    errors = dict(errors or {})
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)


def _same_region(region, rows, field: str, errors: dict, *, label) -> list:
    rows = list(rows or [])
    if any(r.region_id != region.pk for r in rows):
        errors.setdefault(field, []).append(label)
    return rows


def _foreign_programmes(region, programmes, errors: dict) -> list:
    return _same_region(
        region, programmes, "programmes", errors, label=_("A programme of another region cannot be linked.")
    )


# --- partners -------------------------------------------------------------------------------------------

PARTNER_FIELDS = ("name", "acronym", "category", "subkind", "description", "website", "public_consent")


@transaction.atomic
def partner_create(*, actor, region, programmes=(), **fields) -> Partner:
    require_rule(actor, "collaboration.manage", region)
    partner = Partner(region=region, **{k: fields[k] for k in PARTNER_FIELDS if k in fields})
    partner.subkind = partner.subkind or ""
    errors: dict = {}
    programmes = _foreign_programmes(region, programmes, errors)
    _clean(partner, errors=errors)
    partner.save()
    partner.programmes.set(programmes)
    record_event(actor=actor, action="partner.create", obj=partner, after=snapshot(partner))
    return partner


@transaction.atomic
def partner_update(*, actor, partner: Partner, programmes=None, **fields) -> Partner:
    require_rule(actor, "collaboration.manage", partner)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    before = snapshot(partner)
    for key in PARTNER_FIELDS:
        if key in fields:
            setattr(partner, key, fields[key] if fields[key] is not None else "")
    errors: dict = {}
    if programmes is not None:
        programmes = _foreign_programmes(partner.region, programmes, errors)
    _clean(partner, errors=errors)
    partner.save()
    if programmes is not None:
        partner.programmes.set(programmes)
    after = snapshot(partner)
    if after != before:
        record_event(actor=actor, action="partner.update", obj=partner, before=before, after=after)
    return partner


@transaction.atomic
def partner_contact_add(
    *, actor, partner: Partner, name: str, position: str = "", email: str = "", phone: str = "", user=None
) -> PartnerContact:
    require_rule(actor, "collaboration.manage", partner)
    contact = PartnerContact(
        region_id=partner.region_id,
        partner=partner,
        name=(name or "").strip(),
        position=position or "",
        email=email or "",
        phone=phone or "",
        user=user,
    )
    _clean(contact, exclude=["partner", "region", "user"])
    contact.save()
    # The audit row names the contact but keeps personal data (e-mail, phone) out of the trail's summary.
    record_event(actor=actor, action="partner_contact.add", obj=partner, after={"contact": contact.pk, "name": name})
    return contact


@transaction.atomic
def partner_contact_remove(*, actor, contact: PartnerContact) -> None:
    require_rule(actor, "collaboration.manage", contact)
    partner = contact.partner
    record_event(actor=actor, action="partner_contact.remove", obj=partner, before={"contact": contact.pk})
    contact.delete()


# --- commitments and signatures -------------------------------------------------------------------------


@transaction.atomic
def commitment_create(*, actor, region, title: str, text: str, event_date, event_place: str) -> Commitment:
    require_rule(actor, "collaboration.manage", region)
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
    require_rule(actor, "collaboration.manage", commitment)
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
    require_rule(actor, "collaboration.manage", commitment)
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
    require_rule(actor, "collaboration.manage", commitment)
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
    if actor is None or not actor.is_authenticated or signatory.user_id != actor.pk:
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
    require_rule(actor, "collaboration.manage", signatory)
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
    subject = _("Please sign: %(title)s") % {"title": commitment.title}
    body = _(
        "Dear %(name)s,\n\nYou are invited to sign “%(title)s” on behalf of %(party)s.\n"
        "Open this personal link (valid until %(until)s, usable once):\n\n%(url)s\n"
    ) % {
        "name": signatory.name,
        "title": commitment.title,
        "party": signatory.on_behalf_of,
        "until": timezone.localtime(link.expires_at).strftime("%d/%m/%Y %H:%M"),
        "url": url,
    }
    email = signatory.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=True))
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


# --- agreements -----------------------------------------------------------------------------------------

AGREEMENT_FIELDS = ("number", "kind", "title", "scope", "signed_on", "starts_on", "ends_on", "alert_days_before")


def _agreement_relations(region, agencies, partners, programmes, errors):
    agencies = _same_region(
        region, agencies, "agencies", errors, label=_("An agency of another region cannot be a party.")
    )
    partners = _same_region(
        region, partners, "partners", errors, label=_("A partner of another region cannot be a party.")
    )
    programmes = _foreign_programmes(region, programmes, errors)
    return agencies, partners, programmes


def _attach_document(agreement: Agreement, document, errors: dict) -> None:
    if not document:
        return
    try:
        content_type = check_document(document, max_bytes=DOCUMENT_MAX_BYTES)
    except ValidationError as exc:
        errors.setdefault("document", []).extend(exc.messages)
        return
    if content_type != "application/pdf":
        errors.setdefault("document", []).append(_("Upload the signed agreement as a PDF."))
        return
    agreement.document = document


@transaction.atomic
def agreement_create(*, actor, region, agencies=(), partners=(), programmes=(), document=None, **fields) -> Agreement:
    require_rule(actor, "collaboration.manage", region)
    agreement = Agreement(region=region, **{k: v for k, v in fields.items() if k in AGREEMENT_FIELDS})
    errors: dict = {}
    agencies, partners, programmes = _agreement_relations(region, agencies, partners, programmes, errors)
    if not agencies and not partners:
        errors.setdefault("partners", []).append(_("Name at least one party."))
    _attach_document(agreement, document, errors)
    _clean(agreement, exclude=["document"], errors=errors)
    agreement.save()
    agreement.agencies.set(agencies)
    agreement.partners.set(partners)
    agreement.programmes.set(programmes)
    record_event(actor=actor, action="agreement.create", obj=agreement, after=snapshot(agreement))
    return agreement


@transaction.atomic
def agreement_update(
    *, actor, agreement: Agreement, agencies=None, partners=None, programmes=None, document=None, **fields
) -> Agreement:
    require_rule(actor, "collaboration.manage", agreement)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    before = snapshot(agreement)
    for key, value in fields.items():
        if key in AGREEMENT_FIELDS:
            setattr(agreement, key, value)
    errors: dict = {}
    agencies_, partners_, programmes_ = _agreement_relations(
        agreement.region, agencies or [], partners or [], programmes or [], errors
    )
    _attach_document(agreement, document, errors)
    _clean(agreement, exclude=["document"], errors=errors)
    agreement.save()
    if agencies is not None:
        agreement.agencies.set(agencies_)
    if partners is not None:
        agreement.partners.set(partners_)
    if programmes is not None:
        agreement.programmes.set(programmes_)
    after = snapshot(agreement)
    if after != before:
        record_event(actor=actor, action="agreement.update", obj=agreement, before=before, after=after)
    return agreement


# --- contributions --------------------------------------------------------------------------------------


@transaction.atomic
def contribution_create(
    *,
    actor,
    partner: Partner,
    programme: Programme,
    kind: str,
    description: str,
    year: int,
    amount=None,
    status: str = Contribution.Status.PLEDGED,
    evidence_url: str = "",
    evidence_file=None,
) -> Contribution:
    require_rule(actor, "collaboration.manage", partner)
    errors: dict = {}
    if programme.region_id != partner.region_id:
        errors["programme"] = [_("A partner can only contribute to a programme of its own region.")]
    contribution = Contribution(
        region_id=partner.region_id,
        partner=partner,
        programme=programme,
        kind=kind,
        description=(description or "").strip(),
        year=year,
        amount=amount if kind == Contribution.Kind.FUNDING else None,
        status=status,
        evidence_url=evidence_url or "",
    )
    if kind == Contribution.Kind.FUNDING and not amount:
        errors.setdefault("amount", []).append(_("Enter the amount in rupiah."))
    if evidence_file:
        try:
            check_document(evidence_file, max_bytes=DOCUMENT_MAX_BYTES)
        except ValidationError as exc:
            errors.setdefault("evidence_file", []).extend(exc.messages)
        else:
            contribution.evidence_file = evidence_file
    _clean(contribution, exclude=["evidence_file", "partner", "programme", "region"], errors=errors)
    contribution.save()
    if contribution.programme.partners.filter(pk=partner.pk).exists() is False:
        # A partner that contributes to a programme takes part in it.
        partner.programmes.add(programme)
    record_event(actor=actor, action="contribution.create", obj=contribution, after=snapshot(contribution))
    return contribution


@transaction.atomic
def contribution_set_status(*, actor, contribution: Contribution, status: str) -> Contribution:
    require_rule(actor, "collaboration.manage", contribution)
    if status not in Contribution.Status.values:
        raise ApplicationError(_("Choose pledged, realised or cancelled."), fields={"status": [_("Invalid status.")]})
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.status == Contribution.Status.CANCELLED and status != contribution.status:
        raise ApplicationError(_("A cancelled contribution cannot be reopened; record a new one."))
    if contribution.status != status:
        before = {"status": contribution.status}
        contribution.status = status
        contribution.save(update_fields=["status", "updated_at"])
        record_event(
            actor=actor, action="contribution.set_status", obj=contribution, before=before, after={"status": status}
        )
    return contribution


# --- bodies ---------------------------------------------------------------------------------------------


@transaction.atomic
def body_create(*, actor, region, kind: str, decree_number: str, term_starts, term_ends=None) -> Body:
    require_rule(actor, "collaboration.manage", region)
    body = Body(
        region=region,
        kind=kind,
        decree_number=(decree_number or "").strip(),
        term_starts=term_starts,
        term_ends=term_ends,
    )
    _clean(body)
    body.save()
    record_event(actor=actor, action="body.create", obj=body, after=snapshot(body))
    return body


@transaction.atomic
def body_member_add(
    *,
    actor,
    body: Body,
    name: str,
    role: str,
    starts_on,
    agency: Agency | None = None,
    partner: Partner | None = None,
    user=None,
    ends_on=None,
) -> BodyMember:
    require_rule(actor, "collaboration.manage", body)
    errors: dict = {}
    if agency is not None and agency.region_id != body.region_id:
        errors["agency"] = [_("An agency of another region cannot be a member.")]
    if partner is not None and partner.region_id != body.region_id:
        errors["partner"] = [_("A partner of another region cannot be a member.")]
    member = BodyMember(
        region_id=body.region_id,
        body=body,
        name=(name or "").strip(),
        role=(role or "").strip(),
        agency=agency,
        partner=partner,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        order=body.members.count(),
    )
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    _clean(member, exclude=["body", "region", "agency", "partner", "user"])
    member.save()
    record_event(actor=actor, action="body_member.add", obj=body, after=snapshot(member))
    return member


@transaction.atomic
def body_member_end(*, actor, member: BodyMember, ends_on: datetime.date) -> BodyMember:
    """End a membership on a date. The row stays: the body's history shows who sat when."""
    require_rule(actor, "collaboration.manage", member)
    member = BodyMember.objects.select_for_update().get(pk=member.pk)
    if member.ends_on is not None:
        raise ApplicationError(_("This membership has already ended."))
    if ends_on is None or ends_on < member.starts_on:
        raise ApplicationError(
            _("A membership cannot end before it starts."), fields={"ends_on": [_("Enter a later date.")]}
        )
    member.ends_on = ends_on
    member.save(update_fields=["ends_on", "updated_at"])
    record_event(
        actor=actor,
        action="body_member.end",
        obj=member.body,
        before={"member": member.pk, "ends_on": None},
        after={"member": member.pk, "ends_on": ends_on.isoformat()},
    )
    return member
