"""Evidence of a progress report: documents, photos (re-encoded without metadata) and links."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document, reencode_image

from ..models import (
    Evidence,
    ProgressReport,
)
from ._common import _decimal

PHOTO_MAX_BYTES = 8 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


@transaction.atomic
def evidence_add(
    *,
    actor,
    report: ProgressReport,
    kind: str,
    file=None,
    url: str = "",
    caption: str = "",
    latitude=None,
    longitude=None,
) -> Evidence:
    """Attach evidence. Files are checked by content (photos re-encoded without metadata)."""
    report = ProgressReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    ensure_allowed(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(_("Evidence can only be added to a draft or returned report."))
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    evidence = Evidence(region_id=report.region_id, report=report, kind=kind, caption=caption or "", uploaded_by=actor)
    errors: dict[str, list] = {}
    if kind == Evidence.Kind.LINK:
        evidence.url = (url or "").strip()
        if not evidence.url:
            errors["url"] = [_("This field is required.")]
    elif kind in (Evidence.Kind.PHOTO, Evidence.Kind.DOCUMENT):
        if not file:
            errors["file"] = [_("Choose a file.")]
        else:
            try:
                if kind == Evidence.Kind.PHOTO:
                    file = reencode_image(file, max_bytes=PHOTO_MAX_BYTES)
                    evidence.content_type = file.content_type
                else:
                    evidence.content_type = check_document(file, max_bytes=DOCUMENT_MAX_BYTES)
            except ValidationError as exc:
                errors["file"] = exc.messages
            else:
                evidence.file = file
                evidence.size = file.size
    else:
        errors["kind"] = [_("Choose document, photo or link.")]
    evidence.latitude = _decimal(latitude, "latitude", errors, plain=True)
    evidence.longitude = _decimal(longitude, "longitude", errors, plain=True)
    if not errors:
        try:
            evidence.full_clean(exclude=["file", "report", "region", "uploaded_by"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    evidence.save()
    record_event(
        actor=actor,
        action="evidence.add",
        obj=report,
        after={"evidence": evidence.pk, "kind": kind, "name": evidence.file.name or evidence.url},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    report = evidence.report
    ensure_allowed(actor, "monitoring.write_report", report)
    if not report.is_editable:
        raise ApplicationError(_("Evidence can only be removed from a draft or returned report."))
    if not report.period.is_open:
        raise ApplicationError(_("The period %(period)s is closed.") % {"period": report.period.label})
    record_event(
        actor=actor,
        action="evidence.remove",
        obj=report,
        before={"evidence": evidence.pk, "kind": evidence.kind, "name": evidence.file.name or evidence.url},
    )
    stored = evidence.file.name
    evidence.delete()
    if stored:
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(stored))


class EvidenceRefused(ApplicationError):
    """The evidence part of `progress_report_save_with_evidence` was refused; `fields` are the evidence form's."""


@transaction.atomic
def progress_report_save_with_evidence(
    *, actor, report: ProgressReport, evidence: dict | None = None, remove_evidence: int | None = None, **save_kwargs
) -> ProgressReport:
    """Save the draft, then attach `evidence` (evidence_add's keywords) and/or remove the evidence with the pk
    `remove_evidence`, in one transaction: the report form's evidence buttons keep what was typed, and a
    refusal of either part saves nothing (a refused evidence raises EvidenceRefused)."""
    from .reports import progress_report_save  # reports imports nothing from here; keep it that way

    report = progress_report_save(actor=actor, report=report, **save_kwargs)
    try:
        if evidence is not None:
            evidence_add(actor=actor, report=report, **evidence)
        if remove_evidence is not None:
            target = Evidence.objects.filter(report=report, pk=remove_evidence).select_related("report__period").first()
            if target is None:
                raise ApplicationError(_("This evidence was already removed."))
            evidence_remove(actor=actor, evidence=target)
    except ApplicationError as exc:
        raise EvidenceRefused(exc.message, fields=exc.fields) from exc
    return report
