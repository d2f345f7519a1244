"""Every write of the innovation registry: validated, atomic, audited. Permission checks happen here too,
because the same services serve the pages, the API and the demo loader."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import check_document, reencode_image

from .models import Innovation, InnovationEvidence, Replication

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 8 * 1024 * 1024

INNOVATION_FIELDS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "initiator_type",
    "initiator_name",
    "form",
    "agency",
    "dimension",
    "programme",
    "proposed_on",
    "renews",
    "renews_note",
    "benefits",
    "benefits_note",
    "no_burden",
    "no_burden_note",
    "authority",
    "authority_note",
    "replicable",
    "replicable_note",
)
# The date field each stage sets when it is reached.
STAGE_DATE = {
    Innovation.Stage.DECIDED: "decided_on",
    Innovation.Stage.TRIAL: "trial_on",
    Innovation.Stage.APPLIED: "applied_on",
}


def _raise_if(errors: dict) -> None:
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)


def _validate(innovation: Innovation, errors: dict) -> None:
    """Links stay inside the region; the programme's dimension wins when none is chosen; a criterion
    ticked needs its justification."""
    region_id = innovation.region_id
    for field, label in (
        ("agency", _("Choose an agency of this region.")),
        ("dimension", _("Choose a dimension of this region.")),
        ("programme", _("Choose a programme of this region.")),
        ("source_idea", _("The idea belongs to another region.")),
    ):
        obj = getattr(innovation, field)
        if obj is not None and obj.region_id != region_id:
            errors.setdefault(field, []).append(label)
    if innovation.programme_id and "programme" not in errors:
        if innovation.dimension_id is None:
            innovation.dimension_id = innovation.programme.dimension_id
        elif innovation.dimension_id != innovation.programme.dimension_id:
            errors.setdefault("dimension", []).append(_("The programme belongs to another dimension."))
    for key, label in Innovation.CRITERIA:
        if getattr(innovation, key) and not (getattr(innovation, key + "_note") or "").strip():
            errors.setdefault(key + "_note", []).append(
                _("Explain why the innovation meets this criterion: %(criterion)s.") % {"criterion": label}
            )
    try:
        innovation.full_clean(exclude=["created_by", "region", *errors.keys()])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)


@transaction.atomic
def innovation_create(*, actor, region, source_idea=None, **fields) -> Innovation:
    """Register an innovation at the proposal stage. An agency officer only for their own agency."""
    ensure_allowed(actor, "innovation.add_innovation", region)
    innovation = Innovation(
        region=region,
        created_by=actor,
        source_idea=source_idea,
        **{k: v for k, v in fields.items() if k in INNOVATION_FIELDS},
    )
    if innovation.proposed_on is None:
        innovation.proposed_on = datetime.date.today()
    errors: dict = {}
    if innovation.agency_id and not actor.has_perm("innovation.change_innovation", innovation):
        errors["agency"] = [_("You can only register innovations of your own agency.")]
    if source_idea is not None and not actor.has_perm("innovation.promote_idea", region):
        raise ApplicationError(_("Only the region admin or the Tim Pelaksana can promote an idea."))
    _validate(innovation, errors)
    _raise_if(errors)
    innovation.save()
    record_event(actor=actor, action="innovation.create", obj=innovation, after=snapshot(innovation))
    return innovation


@transaction.atomic
def innovation_update(*, actor, innovation: Innovation, **fields) -> Innovation:
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    ensure_allowed(actor, "innovation.change_innovation", innovation)
    before = snapshot(innovation)
    for key, value in fields.items():
        if key in INNOVATION_FIELDS:
            setattr(innovation, key, value)
    errors: dict = {}
    if innovation.agency_id and not actor.has_perm("innovation.change_innovation", innovation):
        errors["agency"] = [_("You can only move an innovation to your own agency.")]
    _validate(innovation, errors)
    _raise_if(errors)
    innovation.save()
    after = snapshot(innovation)
    if after != before:
        record_event(actor=actor, action="innovation.update", obj=innovation, before=before, after=after)
    return innovation


def _evidence(innovation, *, actor, stage, kind, file=None, url="", caption="", is_public=False, errors):
    """Build (unsaved) evidence, checking the file by content; errors go into `errors`."""
    evidence = InnovationEvidence(
        region_id=innovation.region_id,
        innovation=innovation,
        stage=stage,
        kind=kind,
        caption=(caption or "").strip(),
        is_public=bool(is_public),
        uploaded_by=actor,
    )
    if kind == InnovationEvidence.Kind.LINK:
        evidence.url = (url or "").strip()
        if not evidence.url:
            errors.setdefault("url", []).append(_("Give the link."))
    elif kind in (InnovationEvidence.Kind.PHOTO, InnovationEvidence.Kind.DOCUMENT):
        if not file:
            errors.setdefault("file", []).append(_("Choose a file."))
        else:
            try:
                if kind == InnovationEvidence.Kind.PHOTO:
                    file = reencode_image(file, max_bytes=PHOTO_MAX_BYTES)
                    evidence.content_type = file.content_type
                else:
                    evidence.content_type = check_document(file, max_bytes=DOCUMENT_MAX_BYTES)
            except ValidationError as exc:
                errors.setdefault("file", []).extend(exc.messages)
            else:
                evidence.file = file
                evidence.size = file.size
    else:
        errors.setdefault("kind", []).append(_("Choose document, photo or link."))
    if not errors:
        try:
            evidence.full_clean(exclude=["file", "innovation", "region", "uploaded_by"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    return evidence


@transaction.atomic
def evidence_add(
    *, actor, innovation: Innovation, stage: str, kind: str, file=None, url="", caption="", is_public=False
) -> InnovationEvidence:
    """Attach evidence to a stage the innovation has reached, or to the next one (prepared before moving)."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    ensure_allowed(actor, "innovation.change_innovation", innovation)
    allowed = Innovation.STAGE_ORDER[: innovation.stage_index + 2]
    errors: dict = {}
    if stage not in allowed:
        errors["stage"] = [_("Evidence can be added to a stage reached so far or to the next one.")]
    evidence = _evidence(
        innovation,
        actor=actor,
        stage=stage,
        kind=kind,
        file=file,
        url=url,
        caption=caption,
        is_public=is_public,
        errors=errors,
    )
    _raise_if(errors)
    evidence.save()
    record_event(actor=actor, action="innovation.evidence_add", obj=evidence, after=snapshot(evidence))
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: InnovationEvidence) -> None:
    innovation = Innovation.objects.select_for_update().get(pk=evidence.innovation_id)
    ensure_allowed(actor, "innovation.change_innovation", innovation)
    reached = Innovation.STAGE_ORDER[1 : innovation.stage_index + 1]
    if (
        evidence.stage in reached
        and not innovation.evidence.filter(stage=evidence.stage).exclude(pk=evidence.pk).exists()
    ):
        raise ApplicationError(
            _(
                "This is the only evidence of the stage “%(stage)s”, which the innovation has reached; "
                "add another first."
            )
            % {"stage": evidence.get_stage_display()}
        )
    before = snapshot(evidence)
    record_event(actor=actor, action="innovation.evidence_remove", obj=evidence, before=before)
    if evidence.file:  # the file goes only once the row is gone for good
        storage, name = evidence.file.storage, evidence.file.name
        transaction.on_commit(lambda: storage.delete(name))
    evidence.delete()


@transaction.atomic
def innovation_advance(
    *,
    actor,
    innovation: Innovation,
    to_stage: str,
    on: datetime.date | None,
    decree_number: str = "",
    evidence: dict | None = None,
) -> Innovation:
    """Move the innovation one stage forward (proposal → decided → trial → applied).

    Every stage after the proposal needs evidence: uploaded for that stage beforehand, or given here as
    `evidence` (kind, file/url, caption, is_public). The date may not precede the previous stage's date.
    """
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    ensure_allowed(actor, "innovation.change_innovation", innovation)
    nxt = innovation.next_stage
    labels = dict(Innovation.Stage.choices)
    if to_stage not in labels:
        raise ApplicationError(_("Unknown stage."), fields={"to_stage": [_("Unknown stage.")]})
    if nxt is None:
        raise ApplicationError(_("The innovation is already applied: there is no further stage."))
    if to_stage != nxt:
        message = _(
            "An innovation moves forward one stage at a time: from “%(current)s” the next stage is “%(next)s”, "
            "not “%(wanted)s”."
        ) % {"current": labels[innovation.stage], "next": labels[nxt], "wanted": labels[to_stage]}
        raise ApplicationError(message, fields={"to_stage": [message]})
    errors: dict = {}
    if on is None:
        errors["on"] = [_("Give the date the stage was reached.")]
    else:
        previous = innovation.proposed_on
        for stage, field in STAGE_DATE.items():
            if stage == to_stage:
                break
            previous = getattr(innovation, field) or previous
        if on < previous:
            errors["on"] = [_("The date cannot be before the previous stage (%(date)s).") % {"date": previous}]
        if on > datetime.date.today():
            errors["on"] = [_("The date cannot be in the future.")]
    new_evidence = None
    if evidence and (evidence.get("file") or evidence.get("url")):
        new_evidence = _evidence(innovation, actor=actor, stage=to_stage, errors=errors, **evidence)
    elif not innovation.evidence.filter(stage=to_stage).exists():
        errors.setdefault("file", []).append(
            _("Add evidence for “%(stage)s” (a decree, a trial report, photos or a link) before moving on.")
            % {"stage": labels[to_stage]}
        )
    _raise_if(errors)
    before = snapshot(innovation)
    innovation.stage = to_stage
    setattr(innovation, STAGE_DATE[to_stage], on)
    if to_stage == Innovation.Stage.DECIDED and decree_number:
        innovation.decree_number = decree_number.strip()
    innovation.save()
    if new_evidence is not None:
        new_evidence.save()
        record_event(actor=actor, action="innovation.evidence_add", obj=new_evidence, after=snapshot(new_evidence))
    record_event(actor=actor, action="innovation.advance", obj=innovation, before=before, after=snapshot(innovation))
    return innovation


@transaction.atomic
def replication_add(*, actor, innovation: Innovation, year: int, region_name: str = "", other_region=None, note=""):
    ensure_allowed(actor, "innovation.change_innovation", innovation)
    replication = Replication(
        region_id=innovation.region_id,
        innovation=innovation,
        region_name=(region_name or "").strip(),
        other_region=other_region,
        year=year,
        note=(note or "").strip(),
    )
    errors: dict = {}
    if other_region is None and not replication.region_name:
        errors["region_name"] = [_("Name the region or choose it from the list.")]
    if other_region is not None and other_region.pk == innovation.region_id:
        errors["other_region"] = [_("A region does not replicate its own innovation.")]
    if year and innovation.proposed_on and year < innovation.proposed_on.year:
        errors["year"] = [
            _("The replication cannot precede the innovation (%(year)s).") % {"year": innovation.proposed_on.year}
        ]
    try:
        replication.full_clean(
            exclude=["innovation", "region", "other_region", *errors.keys()], validate_constraints=False
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field if field != "__all__" else "region_name", []).extend(messages)
    _raise_if(errors)
    replication.save()
    record_event(actor=actor, action="innovation.replication_add", obj=replication, after=snapshot(replication))
    return replication


@transaction.atomic
def replication_remove(*, actor, replication: Replication) -> None:
    ensure_allowed(actor, "innovation.change_innovation", replication.innovation)
    record_event(actor=actor, action="innovation.replication_remove", obj=replication, before=snapshot(replication))
    replication.delete()
