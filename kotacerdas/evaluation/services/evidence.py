"""Evidence files attached to self-assessment items while the self-assessment is in progress."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document, reencode_image

from ..models import ItemEvidence, ItemScore, Round
from ._common import Status, _locked_round

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024  # documents; images are re-encoded and kept under 5 MB
EVIDENCE_IMAGE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_PER_ITEM = 10


def _refuse_if_frozen(round_: Round) -> None:
    if round_.status != Status.DRAFT:
        raise ApplicationError(_("The self-assessment was submitted: its evidence files cannot change any more."))


@transaction.atomic
def evidence_attach(*, actor, round_: Round, item_id: int, file, caption: str = "") -> ItemEvidence:
    """Attach a document (PDF, docx, xlsx, pptx, checked by content) or an image (re-encoded, metadata
    removed) to one self-assessment item, while the self-assessment is in progress."""
    from django.utils.text import get_valid_filename

    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    _refuse_if_frozen(round_)
    row = ItemScore.objects.filter(round=round_, item_id=item_id).select_related("item").first()
    if row is None:
        raise ApplicationError(_("This item is not part of the round."))
    if row.attachments.count() >= EVIDENCE_PER_ITEM:
        message = _("An item takes at most %(n)s files; remove one first.") % {"n": EVIDENCE_PER_ITEM}
        raise ApplicationError(message, fields={"file": [message]})
    if not file:
        raise ApplicationError(_("Choose a file."), fields={"file": [_("Choose a file.")]})
    name = get_valid_filename(PurePath(file.name or "bukti").name)[:200] or "bukti"
    try:
        if file.size > EVIDENCE_MAX_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": round(file.size / 1048576, 1), "limit": EVIDENCE_MAX_BYTES // 1048576}
            )
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        if head.startswith((b"%PDF-", b"PK\x03\x04")):
            content_type = check_document(file, max_bytes=EVIDENCE_MAX_BYTES)
        else:
            if file.size > EVIDENCE_IMAGE_MAX_BYTES:
                raise ValidationError(
                    _("The photo is too large (%(size)s MB); the limit is %(limit)s MB.")
                    % {"size": round(file.size / 1048576, 1), "limit": EVIDENCE_IMAGE_MAX_BYTES // 1048576}
                )
            try:
                file = reencode_image(file, max_bytes=EVIDENCE_IMAGE_MAX_BYTES)
            except ValidationError:
                raise ValidationError(
                    _(
                        "Only PDF, Word (docx), Excel (xlsx) or PowerPoint (pptx) documents and JPEG, PNG or WebP "
                        "photos are accepted."
                    )
                ) from None
            content_type = file.content_type
            name = f"{PurePath(name).stem}{PurePath(file.name).suffix}"[:200]
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), fields={"file": exc.messages}) from None
    evidence = ItemEvidence(
        region_id=round_.region_id,
        item_score=row,
        name=name,
        caption=(caption or "").strip()[:250],
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
    )
    evidence.file.save(name, file, save=False)
    evidence.save()
    record_event(
        actor=actor,
        action="evaluation_evidence.attach",
        obj=evidence,
        after={"item": row.item.code, "name": name, "content_type": content_type, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: ItemEvidence) -> None:
    round_ = evidence.item_score.round
    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    _refuse_if_frozen(round_)
    before = {
        "item": evidence.item_score.item.code,
        "name": evidence.name,
        "content_type": evidence.content_type,
        "size": evidence.size,
    }
    storage, name = evidence.file.storage, evidence.file.name
    record_event(actor=actor, action="evaluation_evidence.remove", obj=evidence, before=before)
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
