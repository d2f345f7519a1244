"""Every write of the masterplan authoring workflow: validated, atomic, audited, version-checked."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Programme
from kotacerdas.masterplan.services import bump_version, check_version, programme_create, programme_update
from kotacerdas.masterplan.versions import freeze

from .defaults import CHECKLISTS, READINESS_QUESTIONS
from .models import (
    SCORE_MAX,
    SCORE_MIN,
    ChecklistItem,
    Milestone,
    Participant,
    Pillar,
    PillarAnalysis,
    ProgrammeOrigin,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)


def _validate(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        raise ApplicationError(_("Please correct the errors below."), fields=fields) from exc


def _same_region(obj, region_id: int, field: str) -> None:
    if obj is not None and obj.region_id != region_id:
        raise ApplicationError(
            _("Choose one of this region's own entries."),
            fields={field: [_("Choose one of this region's own entries.")]},
        )


def _update_versioned(*, obj, actor, action: str, expected_version: int | None, fields: dict):
    """Lock the row, refuse a stale form, set the fields, validate, save, audit before/after."""
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    check_version(locked=locked, expected_version=expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked)
    locked.save()
    after = snapshot(locked)
    if after != before:
        bump_version(locked)
        after["version"] = locked.version
        record_event(actor=actor, action=action, obj=locked, before=before, after=after)
    return locked


# --- Starting ---------------------------------------------------------------------------------------------


@transaction.atomic
def planning_start(*, masterplan: Masterplan, actor) -> list[Round]:
    """Create the four rounds with their checklists, the default questionnaire and the three pillar analyses.

    Idempotent: what exists is left alone.
    """
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
    record_event(actor=actor, action="planning.participant.delete", obj=participant, before=snapshot(participant))
    participant.delete()


@transaction.atomic
def checklist_item_set(*, item: ChecklistItem, actor, done: bool) -> ChecklistItem:
    """Tick or untick a checklist item. Unticking reopens a completed round."""
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


# --- Round I: readiness -----------------------------------------------------------------------------------


@transaction.atomic
def readiness_scores_set(*, masterplan: Masterplan, pillar: str, actor, answers: dict[int, dict]) -> int:
    """Score a pillar's items at once. answers: {item_id: {"score": int|None, "evidence": str, "version": int}}.

    All or nothing: a score out of 0–4, an item of another pillar, or a stale version refuses the whole set.
    Returns how many items changed.
    """
    items = {
        i.pk: i
        for i in ReadinessItem.objects.select_for_update().filter(masterplan=masterplan, pillar=pillar, pk__in=answers)
    }
    if len(items) != len(answers):
        raise ApplicationError(_("Some questions do not belong to this pillar; reload the page."))
    changed = 0
    for pk, answer in answers.items():
        item = items[pk]
        check_version(locked=item, expected_version=answer.get("version"))
        score = answer.get("score")
        if score is not None and not (SCORE_MIN <= int(score) <= SCORE_MAX):
            raise ApplicationError(
                _("The score must be between 0 and 4."),
                fields={f"score_{pk}": [_("The score must be between 0 and 4.")]},
            )
        evidence = (answer.get("evidence") or "").strip()
        if item.score == score and item.evidence == evidence:
            continue
        before = snapshot(item, ["score", "evidence"])
        item.score, item.evidence = score, evidence
        item.save(update_fields=["score", "evidence", "updated_at"])
        bump_version(item)
        record_event(
            actor=actor,
            action="planning.readiness.score",
            obj=item,
            before=before,
            after=snapshot(item, ["score", "evidence"]),
        )
        changed += 1
    return changed


@transaction.atomic
def readiness_item_add(
    *, masterplan: Masterplan, pillar: str, actor, question: str, question_en: str = ""
) -> ReadinessItem:
    """Add a question to a pillar's questionnaire."""
    if pillar not in Pillar.values:
        raise ApplicationError(_("Unknown pillar."))
    last = ReadinessItem.objects.filter(masterplan=masterplan, pillar=pillar).order_by("-order").first()
    item = ReadinessItem(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        pillar=pillar,
        order=(last.order + 1) if last else 0,
        question=question.strip(),
        question_en=question_en.strip(),
    )
    _validate(item)
    item.save()
    record_event(actor=actor, action="planning.readiness.add", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def readiness_item_update(
    *, item: ReadinessItem, actor, expected_version: int | None = None, question: str, question_en: str = ""
) -> ReadinessItem:
    return _update_versioned(
        obj=item,
        actor=actor,
        action="planning.readiness.update",
        expected_version=expected_version,
        fields={"question": question.strip(), "question_en": question_en.strip()},
    )


@transaction.atomic
def readiness_item_delete(*, item: ReadinessItem, actor) -> None:
    record_event(actor=actor, action="planning.readiness.delete", obj=item, before=snapshot(item))
    item.delete()


@transaction.atomic
def pillar_analysis_update(
    *, analysis: PillarAnalysis, actor, expected_version: int | None = None, **fields
) -> PillarAnalysis:
    """Change a pillar's SWOT or gap summary."""
    allowed = {"strengths", "weaknesses", "opportunities", "threats", "gap_summary"}
    if set(fields) - allowed:
        raise TypeError(f"unknown fields: {sorted(set(fields) - allowed)}")
    return _update_versioned(
        obj=analysis, actor=actor, action="planning.pillar.update", expected_version=expected_version, fields=fields
    )


# --- Round II: strategies, existing programmes ------------------------------------------------------------


def _check_dimension_element(*, region_id: int, dimension, element) -> None:
    _same_region(dimension, region_id, "dimension")
    if element is not None and element.dimension_id != dimension.pk:
        raise ApplicationError(
            _("This element belongs to another dimension."),
            fields={"element": [_("This element belongs to another dimension.")]},
        )


@transaction.atomic
def strategy_create(
    *, masterplan: Masterplan, actor, dimension, text: str, element=None, text_en: str = ""
) -> Strategy:
    _check_dimension_element(region_id=masterplan.region_id, dimension=dimension, element=element)
    strategy = Strategy(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        dimension=dimension,
        element=element,
        text=text.strip(),
        text_en=text_en.strip(),
        order=Strategy.objects.filter(masterplan=masterplan, dimension=dimension).count(),
    )
    _validate(strategy)
    strategy.save()
    record_event(actor=actor, action="planning.strategy.create", obj=strategy, after=snapshot(strategy))
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, actor, expected_version: int | None = None, **fields) -> Strategy:
    allowed = {"dimension", "element", "text", "text_en"}
    if set(fields) - allowed:
        raise TypeError(f"unknown fields: {sorted(set(fields) - allowed)}")
    _check_dimension_element(
        region_id=strategy.region_id,
        dimension=fields.get("dimension", strategy.dimension),
        element=fields.get("element", strategy.element),
    )
    return _update_versioned(
        obj=strategy, actor=actor, action="planning.strategy.update", expected_version=expected_version, fields=fields
    )


@transaction.atomic
def strategy_delete(*, strategy: Strategy, actor) -> None:
    record_event(actor=actor, action="planning.strategy.delete", obj=strategy, before=snapshot(strategy))
    strategy.delete()


@transaction.atomic
def programme_origin_set(
    *,
    programme: Programme,
    actor,
    source: str,
    source_document: str = "",
    source_reference: str = "",
    innovation_kind: str = "",
    expected_version: int | None = None,
) -> ProgrammeOrigin:
    """Record where a programme comes from (RPJMD, an agency's Renstra with its page, or new)."""
    fields = {
        "source": source,
        "source_document": source_document.strip(),
        "source_reference": source_reference.strip(),
        "innovation_kind": innovation_kind or "",
    }
    if source != ProgrammeOrigin.Source.NEW and not fields["source_document"]:
        raise ApplicationError(
            _("An existing programme needs the name of its source document."),
            fields={"source_document": [_("An existing programme needs the name of its source document.")]},
        )
    origin = ProgrammeOrigin.objects.filter(programme=programme).first()
    if origin is None:
        origin = ProgrammeOrigin(region_id=programme.region_id, programme=programme, **fields)
        _validate(origin)
        origin.save()
        record_event(actor=actor, action="planning.origin.set", obj=origin, after=snapshot(origin))
        return origin
    return _update_versioned(
        obj=origin, actor=actor, action="planning.origin.set", expected_version=expected_version, fields=fields
    )


@transaction.atomic
def programme_plan_create(
    *,
    masterplan: Masterplan,
    actor,
    source: str = ProgrammeOrigin.Source.NEW,
    source_document: str = "",
    source_reference: str = "",
    innovation_kind: str = "",
    reason: str = "",
    supporting_agencies=(),
    **fields,
) -> Programme:
    """Add a programme (existing from RPJMD/Renstra in round II, or new in round III) with its origin."""
    if masterplan.status == Masterplan.Status.ADOPTED and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    programme = programme_create(
        actor=actor, masterplan=masterplan, supporting_agencies=supporting_agencies, reason=reason, **fields
    )
    programme_origin_set(
        programme=programme,
        actor=actor,
        source=source,
        source_document=source_document,
        source_reference=source_reference,
        innovation_kind=innovation_kind,
    )
    return programme


# --- Round III: action plan -------------------------------------------------------------------------------


@transaction.atomic
def milestone_add(*, programme: Programme, actor, year: int, title: str, title_en: str = "") -> Milestone:
    """Add a milestone to a programme's action plan, in a year of the masterplan period."""
    masterplan = programme.masterplan
    if not (masterplan.period_start_year <= year <= masterplan.period_end_year):
        message = _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.") % {
            "year": year,
            "start": masterplan.period_start_year,
            "end": masterplan.period_end_year,
        }
        raise ApplicationError(message, fields={"year": [message]})
    milestone = Milestone(
        region_id=programme.region_id, programme=programme, year=year, title=title.strip(), title_en=title_en.strip()
    )
    _validate(milestone)
    milestone.save()
    record_event(actor=actor, action="planning.milestone.add", obj=milestone, after=snapshot(milestone))
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor) -> None:
    record_event(actor=actor, action="planning.milestone.delete", obj=milestone, before=snapshot(milestone))
    milestone.delete()


# --- Round IV: quick wins, adoption -----------------------------------------------------------------------


QUICK_WIN_YEARS = 3


def quick_win_years(masterplan: Masterplan) -> list[int]:
    """The years a quick win may run in: the first QUICK_WIN_YEARS years of the period."""
    return [masterplan.period_start_year + i for i in range(QUICK_WIN_YEARS)]


@transaction.atomic
def quick_win_select(
    *,
    programme: Programme,
    actor,
    selected: bool,
    year: int | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Programme:
    """Make a programme a quick win run in `year`, or not.

    Quick wins run in years 1–2 of implementation. The first year of the period is usually spent writing and
    adopting the masterplan, so any of the first three years of the period is accepted (QUICK_WIN_YEARS).
    """
    masterplan = programme.masterplan
    if selected:
        allowed_years = quick_win_years(masterplan)
        if year not in allowed_years:
            message = _("A quick win runs in the first years of the masterplan: %(years)s.") % {
                "years": ", ".join(str(y) for y in allowed_years)
            }
            raise ApplicationError(message, fields={"quick_win_year": [message]})
    if masterplan.status == Masterplan.Status.ADOPTED and not reason.strip():
        raise ApplicationError(
            _("The masterplan is adopted: give the reason for this revision."),
            fields={"reason": [_("The masterplan is adopted: give the reason for this revision.")]},
        )
    return programme_update(
        actor=actor,
        programme=programme,
        expected_version=expected_version,
        reason=reason,
        is_quick_win=selected,
        quick_win_year=year if selected else None,
    )


@transaction.atomic
def quick_win_step_add(
    *, programme: Programme, actor, description: str, responsible: str = "", due_on: date | None = None
) -> QuickWinStep:
    if not programme.is_quick_win:
        raise ApplicationError(_("Select the programme as a quick win first."))
    step = QuickWinStep(
        region_id=programme.region_id,
        programme=programme,
        order=QuickWinStep.objects.filter(programme=programme).count(),
        description=description.strip(),
        responsible=responsible.strip(),
        due_on=due_on,
    )
    _validate(step)
    step.save()
    record_event(actor=actor, action="planning.quick_win_step.add", obj=step, after=snapshot(step))
    return step


@transaction.atomic
def quick_win_step_delete(*, step: QuickWinStep, actor) -> None:
    record_event(actor=actor, action="planning.quick_win_step.delete", obj=step, before=snapshot(step))
    step.delete()


def adoption_blockers(*, masterplan: Masterplan) -> list[str]:
    """Why the masterplan cannot be adopted yet (empty when it can).

    Rules: it is a draft; all four rounds are marked complete; it has a vision; at least one quick win.
    """
    blockers = []
    if masterplan.status != Masterplan.Status.DRAFT:
        blockers.append(_("The masterplan is already adopted."))
        return blockers
    complete = set(
        Round.objects.filter(masterplan=masterplan, completed_at__isnull=False).values_list("number", flat=True)
    )
    missing = [r for r in (1, 2, 3, 4) if r not in complete]
    if missing:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        blockers.append(
            _("Rounds not complete yet: %(rounds)s.") % {"rounds": ", ".join(f"Bimtek {roman[r]}" for r in missing)}
        )
    if not masterplan.vision.strip():
        blockers.append(_("The masterplan has no vision yet."))
    if not Programme.objects.filter(masterplan=masterplan, is_quick_win=True).exists():
        blockers.append(_("Select at least one quick win."))
    return blockers


@transaction.atomic
def masterplan_adopt(*, masterplan: Masterplan, actor, decree_number: str, adopted_on: date) -> Masterplan:
    """Adopt the masterplan by decree and freeze the adopted version (number 0) for later comparison."""
    locked = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    errors = {}
    if not decree_number.strip():
        errors["decree_number"] = [_("This field is required.")]
    if adopted_on is None:
        errors["adopted_on"] = [_("This field is required.")]
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = [_("The adoption date cannot be in the future.")]
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    blockers = adoption_blockers(masterplan=locked)
    if blockers:
        raise ApplicationError(" ".join(str(b) for b in blockers))
    before = snapshot(locked, ["status", "adoption_decree_number", "adopted_on"])
    locked.status = Masterplan.Status.ADOPTED
    locked.adoption_decree_number = decree_number.strip()
    locked.adopted_on = adopted_on
    locked.save()
    bump_version(locked)
    # A masterplan adopted a second time (not possible today) would replace its frozen version.
    MasterplanVersion.objects.filter(masterplan=locked).delete()
    authenticated = getattr(actor, "is_authenticated", False)
    MasterplanVersion.objects.create(
        region_id=locked.region_id,
        masterplan=locked,
        number=0,
        kind=MasterplanVersion.Kind.ADOPTED,
        summary=locked.adoption_decree_number[:300],
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "system",
        data=freeze(locked),
    )
    record_event(
        actor=actor,
        action="masterplan.adopt",
        obj=locked,
        before=before,
        after=snapshot(locked, ["status", "adoption_decree_number", "adopted_on"]),
    )
    return locked
