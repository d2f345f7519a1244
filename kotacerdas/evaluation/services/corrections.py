"""Corrections of a published round: a new version carrying the same answers, scores and evidence."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError

from ..models import AssessorRating, AssessorScore, ItemEvidence, ItemScore, QuickWinRating, Round
from ._common import RATING_FIELDS, Status, _locked_round

ITEM_SCORE_COPY = [
    "item_id",
    "prefill_value",
    "prefill_url",
    "prefill_score",
    "self_score",
    "evidence_note",
    "score",
    "comment",
    "scored_by_id",
    "scored_at",
    "needs_moderation",
    "moderated_by_id",
    "moderated_at",
    "moderation_reason",
]
QUICK_WIN_COPY = [
    "programme_id",
    "innovativeness",
    "implementation",
    "benefit",
    "survey_score",
    "survey_respondents",
    "survey_url",
    "implementation_value",
    "comment",
    "rated_by_id",
    "rated_at",
]


def _check_correctable(actor, round_: Round, reason: str) -> str:
    """The stripped reason, once the actor may correct this round and it is the current published version."""
    if not actor.has_perm("evaluation.score_round", round_):
        raise ApplicationError(_("Only the assessors assigned to this round may correct it."))
    if not round_.is_published or round_.is_superseded:
        raise ApplicationError(_("Only the current published version can be corrected."))
    if Round.objects.filter(supersedes=round_).exists():
        raise ApplicationError(_("A correction of this round is already in progress."))
    reason = (reason or "").strip()
    if not reason:
        message = _("Say why the published result is corrected.")
        raise ApplicationError(message, fields={"reason": [message]})
    return reason


def _new_version(actor, round_: Round, reason: str) -> Round:
    new = Round.objects.create(
        region=round_.region,
        framework=round_.framework,
        year=round_.year,
        version=round_.version + 1,
        supersedes=round_,
        correction_reason=reason,
        status=Status.SCORED,
        interview_notes=round_.interview_notes,
        lead_assessor=round_.lead_assessor,
        created_by=actor,
        submitted_by=round_.submitted_by,
        submitted_at=round_.submitted_at,
        scored_at=timezone.now(),
    )
    new.assessors.set(round_.assessors.all())
    return new


def _copy_scores(round_: Round, new: Round) -> dict[int, int]:
    """Copy the item scores and the assessors' own scores; returns {item id: new item score id}."""
    ItemScore.objects.bulk_create(
        ItemScore(region=new.region, round=new, **{f: getattr(s, f) for f in ITEM_SCORE_COPY})
        for s in round_.scores.all()
    )
    new_scores = dict(new.scores.values_list("item_id", "pk"))
    AssessorScore.objects.bulk_create(
        AssessorScore(
            region=new.region,
            item_score_id=new_scores[a.item_score.item_id],
            assessor_id=a.assessor_id,
            score=a.score,
            comment=a.comment,
            scored_at=a.scored_at,
        )
        for a in AssessorScore.objects.filter(item_score__round=round_).select_related("item_score")
    )
    return new_scores


def _copy_quick_wins(round_: Round, new: Round) -> None:
    QuickWinRating.objects.bulk_create(
        QuickWinRating(region=new.region, round=new, **{f: getattr(r, f) for f in QUICK_WIN_COPY})
        for r in round_.quick_wins.all()
    )
    new_ratings = dict(new.quick_wins.values_list("programme_id", "pk"))
    AssessorRating.objects.bulk_create(
        AssessorRating(
            region=new.region,
            rating_id=new_ratings[a.rating.programme_id],
            assessor_id=a.assessor_id,
            comment=a.comment,
            rated_at=a.rated_at,
            **{n: getattr(a, n) for n in RATING_FIELDS},
        )
        for a in AssessorRating.objects.filter(rating__round=round_).select_related("rating")
    )


def _copy_evidence(round_: Round, new: Round, new_scores: dict[int, int]) -> None:
    """The same private files: they can no longer change or be removed."""
    ItemEvidence.objects.bulk_create(
        ItemEvidence(
            region=new.region,
            item_score_id=new_scores[e.item_score.item_id],
            file=e.file.name,
            name=e.name,
            caption=e.caption,
            content_type=e.content_type,
            size=e.size,
            uploaded_by_id=e.uploaded_by_id,
        )
        for e in ItemEvidence.objects.filter(item_score__round=round_).select_related("item_score")
    )


@transaction.atomic
def round_correct(*, actor, round_: Round, reason: str) -> Round:
    """Open a correction of a published round: a new version with the same answers and scores, to be
    rescored and published. The published version stays as it is, visible, marked superseded once the
    correction is published."""
    round_ = _locked_round(round_)
    reason = _check_correctable(actor, round_, reason)
    new = _new_version(actor, round_, reason)
    new_scores = _copy_scores(round_, new)
    _copy_quick_wins(round_, new)
    record_event(
        actor=actor,
        action="evaluation_round.correct",
        obj=new,
        before={"version": round_.version, "index": str(round_.index)},
        after={**snapshot(new, ["version", "status", "correction_reason"]), "supersedes": round_.pk},
    )
    _copy_evidence(round_, new, new_scores)
    return new
