"""What a partner brings to a programme (funding, in kind, expertise) and its status."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document
from kotacerdas.masterplan.models import Programme

from ..models import Contribution, Partner
from ._common import DOCUMENT_MAX_BYTES, _clean


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
    ensure_allowed(actor, "collaboration.manage", partner)
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
    ensure_allowed(actor, "collaboration.manage", contribution)
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
