"""Starting the authoring and the four Bimtek rounds: dates, attendance, checklists, completion."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services import bump_version

from ..defaults import CHECKLISTS, READINESS_QUESTIONS
from ..models import ChecklistItem, Participant, Pillar, PillarAnalysis, ReadinessItem, Round
from ._common import _same_region, _update_versioned, _validate

# --- Starting ---------------------------------------------------------------------------------------------


@transaction.atomic
def planning_start(*, masterplan: Masterplan, actor) -> list[Round]:
    """Create the four rounds with their checklists, the default questionnaire and the three pillar analyses.

    Idempotent: what exists is left alone.
    """
    ensure_allowed(actor, "planning.manage", masterplan)
    region_id = masterplan.region_id
    rounds = []
    for number in (1, 2, 3, 4):
        rnd, created = Round.objects.get_or_create(
            masterplan=masterplan, number=number, defaults={"region_id": region_id}
        )
        if created:
            ChecklistItem.objects.bulk_create(
                ChecklistItem(region_id=region_id, round=rnd, label=label, label_en=label_en, order=i)
                for i, (label, label_en) in enumerate(CHECKLISTS[number])
            )
        rounds.append(rnd)
    if not ReadinessItem.objects.filter(masterplan=masterplan).exists():
        ReadinessItem.objects.bulk_create(
            ReadinessItem(
                region_id=region_id, masterplan=masterplan, pillar=pillar, order=i, question=q, question_en=q_en
            )
            for pillar, questions in READINESS_QUESTIONS.items()
            for i, (q, q_en) in enumerate(questions)
        )
    for pillar in Pillar.values:
        PillarAnalysis.objects.get_or_create(masterplan=masterplan, pillar=pillar, defaults={"region_id": region_id})
    record_event(actor=actor, action="planning.start", obj=masterplan, after={"rounds": [r.number for r in rounds]})
    return rounds


# --- Rounds, attendance, checklists -----------------------------------------------------------------------


@transaction.atomic
def round_update(*, round: Round, actor, expected_version: int | None = None, **fields) -> Round:
    """Change a round's date, venue or notes."""
    ensure_allowed(actor, "planning.manage", round)
    allowed = {"held_on", "held_until", "venue", "notes"}
    if set(fields) - allowed:
        raise TypeError(f"unknown round fields: {sorted(set(fields) - allowed)}")
    if fields.get("held_until") and not fields.get("held_on", round.held_on):
        raise ApplicationError(_("Give the first day too."), fields={"held_on": [_("Give the first day too.")]})
    if fields.get("held_until") and fields["held_until"] < fields.get("held_on", round.held_on):
        raise ApplicationError(
            _("The last day cannot be before the first day."),
            fields={"held_until": [_("The last day cannot be before the first day.")]},
        )
    return _update_versioned(
        obj=round, actor=actor, action="planning.round.update", expected_version=expected_version, fields=fields
    )


@transaction.atomic
def participant_add(
    *, round: Round, actor, name: str, organisation: str = "", agency=None, present: bool = True
) -> Participant:
    """Add a line to the round's attendance list."""
    ensure_allowed(actor, "planning.manage", round)
    _same_region(agency, round.region_id, "agency")
    participant = Participant(
        region_id=round.region_id,
        round=round,
        name=name.strip(),
        organisation=organisation.strip(),
        agency=agency,
        present=present,
    )
    _validate(participant)
    participant.save()
    record_event(actor=actor, action="planning.participant.add", obj=participant, after=snapshot(participant))
    return participant


@transaction.atomic
def participant_delete(*, participant: Participant, actor) -> None:
    ensure_allowed(actor, "planning.manage", participant)
    record_event(actor=actor, action="planning.participant.delete", obj=participant, before=snapshot(participant))
    participant.delete()


@transaction.atomic
def checklist_item_set(*, item: ChecklistItem, actor, done: bool) -> ChecklistItem:
    """Tick or untick a checklist item. Unticking reopens a completed round."""
    ensure_allowed(actor, "planning.manage", item)
    locked = ChecklistItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if locked.done == done:
        return locked
    before = snapshot(locked)
    locked.done = done
    locked.done_at = timezone.now() if done else None
    locked.done_by = actor if done and getattr(actor, "is_authenticated", False) else None
    locked.save()
    record_event(actor=actor, action="planning.checklist.set", obj=locked, before=before, after=snapshot(locked))
    if not done and locked.round.is_complete:
        round_reopen(round=locked.round, actor=actor)
    return locked


@transaction.atomic
def round_complete(*, round: Round, actor) -> Round:
    """Mark a round complete. Rule: every checklist item is ticked and the round has a date."""
    ensure_allowed(actor, "planning.manage", round)
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.is_complete:
        return locked
    open_items = [i.label for i in locked.checklist.all() if not i.done]
    if open_items:
        raise ApplicationError(
            _("Tick every checklist item first. Still open: %(items)s.") % {"items": "; ".join(open_items)}
        )
    if not locked.held_on:
        raise ApplicationError(
            _("Record the date the round was held first."), fields={"held_on": [_("This field is required.")]}
        )
    before = snapshot(locked)
    locked.completed_at = timezone.now()
    locked.completed_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save()
    bump_version(locked)
    record_event(actor=actor, action="planning.round.complete", obj=locked, before=before, after=snapshot(locked))
    return locked


@transaction.atomic
def round_reopen(*, round: Round, actor) -> Round:
    """Take a round back to work (before adoption)."""
    ensure_allowed(actor, "planning.manage", round)
    locked = Round.objects.select_for_update().select_related("masterplan").get(pk=round.pk)
    if not locked.is_complete:
        return locked
    if locked.masterplan.status == Masterplan.Status.ADOPTED:
        raise ApplicationError(_("The masterplan is adopted; its rounds are closed."))
    before = snapshot(locked)
    locked.completed_at = None
    locked.completed_by = None
    locked.save()
    bump_version(locked)
    record_event(actor=actor, action="planning.round.reopen", obj=locked, before=before, after=snapshot(locked))
    return locked
