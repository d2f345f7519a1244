"""Round I: the readiness questionnaire, its scores and the pillar analyses (SWOT)."""

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services import bump_version, check_version

from ..models import SCORE_MAX, SCORE_MIN, Pillar, PillarAnalysis, ReadinessItem
from ._common import _update_versioned, _validate


@transaction.atomic
def readiness_scores_set(*, masterplan: Masterplan, pillar: str, actor, answers: dict[int, dict]) -> int:
    """Score a pillar's items at once. answers: {item_id: {"score": int|None, "evidence": str, "version": int}}.

    All or nothing: a score out of 0–4, an item of another pillar, or a stale version refuses the whole set.
    Returns how many items changed.
    """
    ensure_allowed(actor, "planning.manage", masterplan)
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
    ensure_allowed(actor, "planning.edit_questionnaire", masterplan)
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
    ensure_allowed(actor, "planning.edit_questionnaire", item)
    return _update_versioned(
        obj=item,
        actor=actor,
        action="planning.readiness.update",
        expected_version=expected_version,
        fields={"question": question.strip(), "question_en": question_en.strip()},
    )


@transaction.atomic
def readiness_item_delete(*, item: ReadinessItem, actor) -> None:
    ensure_allowed(actor, "planning.edit_questionnaire", item)
    record_event(actor=actor, action="planning.readiness.delete", obj=item, before=snapshot(item))
    item.delete()


@transaction.atomic
def pillar_analysis_update(
    *, analysis: PillarAnalysis, actor, expected_version: int | None = None, **fields
) -> PillarAnalysis:
    """Change a pillar's SWOT or gap summary."""
    ensure_allowed(actor, "planning.manage", analysis)
    allowed = {"strengths", "weaknesses", "opportunities", "threats", "gap_summary"}
    if set(fields) - allowed:
        raise TypeError(f"unknown fields: {sorted(set(fields) - allowed)}")
    return _update_versioned(
        obj=analysis, actor=actor, action="planning.pillar.update", expected_version=expected_version, fields=fields
    )
