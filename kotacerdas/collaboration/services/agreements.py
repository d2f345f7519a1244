"""Agreements (MoU/PKS) with their parties, programmes and signed document."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document

from ..models import Agreement
from ._common import DOCUMENT_MAX_BYTES, _clean, _foreign_programmes, _same_region

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
    ensure_allowed(actor, "collaboration.manage", region)
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
    ensure_allowed(actor, "collaboration.manage", agreement)
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
