"""Pentahelix partners and their contact persons."""

from django.db import transaction

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.permissions import ensure_allowed

from ..models import Partner, PartnerContact
from ._common import _clean, _foreign_programmes

PARTNER_FIELDS = ("name", "acronym", "category", "subkind", "description", "website", "public_consent")


@transaction.atomic
def partner_create(*, actor, region, programmes=(), **fields) -> Partner:
    ensure_allowed(actor, "collaboration.manage", region)
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
    ensure_allowed(actor, "collaboration.manage", partner)
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
    ensure_allowed(actor, "collaboration.manage", partner)
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
    ensure_allowed(actor, "collaboration.manage", contact)
    partner = contact.partner
    record_event(actor=actor, action="partner_contact.remove", obj=partner, before={"contact": contact.pk})
    contact.delete()
