"""The assessors' work on a submitted round: own scores, agreement and moderation, quick-win ratings,
interview notes, marking it scored and publishing it."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch as models_prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError

from ..models import AssessorRating, AssessorScore, ItemScore, Round
from ..scoring import q2
from ._common import (
    DISAGREEMENT,
    RATING_FIELDS,
    Status,
    _decimal,
    _in_scale,
    _locked_round,
    _notify_on_commit,
    _text,
)
from .frameworks import _require_usable


def _require_agreed(round_: Round) -> None:
    """Every item has an agreed score (a mean, or the lead's where the assessors disagree) and every quick win
    its three ratings."""
    disputed = list(
        round_.scores.filter(needs_moderation=True, score__isnull=True).values_list("item__code", flat=True)
    )
    if disputed:
        raise ApplicationError(
            _(
                "The assessors are more than one point apart on %(codes)s: the lead assessor sets the agreed "
                "score with a reason first."
            )
            % {"codes": ", ".join(disputed)}
        )
    missing = list(round_.scores.filter(score__isnull=True).values_list("item__code", flat=True))
    missing += [r.programme.code for r in round_.quick_wins.select_related("programme") if not r.is_complete]
    if missing:
        raise ApplicationError(
            _("Score every item and quick win first (missing: %(codes)s).") % {"codes": ", ".join(missing)}
        )


def _require_scoring(actor, round_: Round) -> None:
    if actor is None or not actor.has_perm("evaluation.score_round", round_):
        raise ApplicationError(_("Only the assessors assigned to this round may score it."))
    if round_.status not in (Status.SUBMITTED, Status.SCORED):
        if round_.status == Status.PUBLISHED:
            raise ApplicationError(_("A published round cannot change. Publish a correction instead."))
        raise ApplicationError(_("The region has not submitted its self-assessment yet."))


def mean_score(values) -> Decimal | None:
    """The mean of the given scores, rounded to two decimals half up (3, 3, 4 → 3.33); None without any."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return q2(sum(values, Decimal(0)) / len(values))


def disagree(values) -> bool:
    """True when the assessors' own scores are more than one point apart (and so need moderation)."""
    values = [v for v in values if v is not None]
    return len(values) > 1 and max(values) - min(values) > DISAGREEMENT


def _agree(row: ItemScore, own: list[AssessorScore], *, actor, now, score_changed: bool = True) -> None:
    """Write the round's agreed score of one item from the assessors' own rows. A changed score reopens a
    moderated item (the lead decided on other scores); a changed comment does not."""
    values = [a.score for a in own]
    row.comment = "\n".join(a.comment for a in sorted(own, key=lambda a: a.assessor_id) if a.comment)
    if score_changed or not row.is_moderated:
        row.needs_moderation = disagree(values)
        row.score = None if row.needs_moderation else mean_score(values)
        row.moderated_by, row.moderated_at, row.moderation_reason = None, None, ""
    row.scored_by, row.scored_at = actor, now
    row.save(
        update_fields=[
            "score",
            "comment",
            "needs_moderation",
            "moderated_by",
            "moderated_at",
            "moderation_reason",
            "scored_by",
            "scored_at",
            "updated_at",
        ]
    )


@transaction.atomic
def scores_save(*, actor, round_: Round, scores: dict[int, tuple[object, str]]) -> Round:
    """scores: {item id: (score, comment)}, the acting assessor's own, before publication.

    Each assigned assessor scores independently (their own `AssessorScore` rows); the round's agreed score is
    the mean of the assessors who scored the item, or, where they are more than one point apart, left empty
    until the lead assessor moderates it (`item_moderate`).
    """
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    rows = {
        s.item_id: s
        for s in round_.scores.prefetch_related(
            models_prefetch("assessor_scores", AssessorScore.objects.order_by("assessor_id"))
        )
    }
    now = timezone.now()
    parsed = {}
    for item_id, (raw, comment) in scores.items():
        if int(item_id) in rows:
            field = f"score_{item_id}"
            parsed[int(item_id)] = (_in_scale(_decimal(raw, field=field), round_.framework, field), comment)
    for item_id, (value, comment) in parsed.items():
        row = rows[item_id]
        own_rows = list(row.assessor_scores.all())
        mine = next((a for a in own_rows if a.assessor_id == actor.pk), None)
        if mine is None:
            if value is None and not comment:
                continue
            mine = AssessorScore(region_id=row.region_id, item_score=row, assessor=actor)
            own_rows.append(mine)
        elif (mine.score, mine.comment) == (value, comment):
            continue
        before = {
            "assessor": actor.username,
            "score": _text(mine.score),
            "comment": mine.comment,
            "agreed": _text(row.score),
            "needs_moderation": row.needs_moderation,
        }
        score_changed = mine.score != value
        mine.score, mine.comment, mine.scored_at = value, comment, now
        mine.save()
        _agree(row, own_rows, actor=actor, now=now, score_changed=score_changed)
        record_event(
            actor=actor,
            action="evaluation_score.update",
            obj=row,
            before=before,
            after={
                "assessor": actor.username,
                "score": _text(value),
                "comment": comment,
                "agreed": _text(row.score),
                "needs_moderation": row.needs_moderation,
            },
        )
    return round_


@transaction.atomic
def item_moderate(*, actor, round_: Round, item_id: int, score, reason: str) -> ItemScore:
    """The lead assessor sets the agreed score of an item whose assessors are more than one point apart."""
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    if round_.lead_assessor_id != actor.pk:
        raise ApplicationError(_("Only the lead assessor of this round sets an agreed score."))
    row = ItemScore.objects.select_for_update().filter(round=round_, item_id=item_id).first()
    if row is None:
        raise ApplicationError(_("This item is not part of the round."))
    if not row.needs_moderation:
        raise ApplicationError(_("The assessors agree within one point on this item: its score is their mean."))
    field = f"agreed_{item_id}"
    value = _in_scale(_decimal(score, field=field), round_.framework, field)
    reason = (reason or "").strip()
    errors = {}
    if value is None:
        errors[field] = [_("Give the agreed score.")]
    if not reason:
        errors[f"reason_{item_id}"] = [_("Say why this is the agreed score.")]
    if errors:
        raise ApplicationError(_("Give the agreed score and the reason for it."), fields=errors)
    before = snapshot(row, ["score", "moderation_reason"])
    before["score"] = _text(row.score)
    row.score, row.moderation_reason = value, reason[:5000]
    row.moderated_by, row.moderated_at = actor, timezone.now()
    row.save(update_fields=["score", "moderation_reason", "moderated_by", "moderated_at", "updated_at"])
    record_event(
        actor=actor,
        action="evaluation_score.moderate",
        obj=row,
        before=before,
        after={"score": _text(value), "moderation_reason": row.moderation_reason},
    )
    return row


@transaction.atomic
def quick_wins_rate(*, actor, round_: Round, ratings: dict[int, dict]) -> Round:
    """ratings: {programme id: {innovativeness, implementation, benefit, comment}} by an assigned assessor."""
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    rows = {
        r.programme_id: r
        for r in round_.quick_wins.prefetch_related(
            models_prefetch("assessor_ratings", AssessorRating.objects.order_by("assessor_id"))
        )
    }
    now = timezone.now()
    parsed = {}
    for programme_id, values in ratings.items():
        if int(programme_id) in rows:
            parsed[int(programme_id)] = (
                {
                    name: _in_scale(
                        _decimal(values.get(name), field=f"{name}_{programme_id}"),
                        round_.framework,
                        f"{name}_{programme_id}",
                    )
                    for name in RATING_FIELDS
                },
                values.get("comment", ""),
            )
    for programme_id, (new, comment) in parsed.items():
        row = rows[programme_id]
        own_rows = list(row.assessor_ratings.all())
        mine = next((a for a in own_rows if a.assessor_id == actor.pk), None)
        if mine is None:
            if all(v is None for v in new.values()) and not comment:
                continue
            mine = AssessorRating(region_id=row.region_id, rating=row, assessor=actor)
            own_rows.append(mine)
        elif all(getattr(mine, n) == v for n, v in new.items()) and mine.comment == comment:
            continue
        before = {"assessor": actor.username} | {n: _text(getattr(mine, n)) for n in new} | {"comment": mine.comment}
        for name, value in new.items():
            setattr(mine, name, value)
        mine.comment, mine.rated_at = comment, now
        mine.save()
        # The round's rating: per criterion, the mean of the assessors who rated it (two decimals, half up).
        for name in RATING_FIELDS:
            setattr(row, name, mean_score(getattr(a, name) for a in own_rows))
        row.comment = "\n".join(a.comment for a in sorted(own_rows, key=lambda a: a.assessor_id) if a.comment)
        row.rated_by, row.rated_at = actor, now
        row.save()
        record_event(
            actor=actor,
            action="evaluation_quick_win.rate",
            obj=row,
            before=before,
            after={"assessor": actor.username}
            | {n: _text(v) for n, v in new.items()}
            | {"comment": comment}
            | {f"agreed_{n}": _text(getattr(row, n)) for n in RATING_FIELDS},
        )
    return round_


@transaction.atomic
def interview_notes_save(*, actor, round_: Round, notes: str) -> Round:
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    before = snapshot(round_, ["interview_notes"])
    round_.interview_notes = notes
    round_.save(update_fields=["interview_notes", "updated_at"])
    record_event(
        actor=actor,
        action="evaluation_round.interview_notes",
        obj=round_,
        before=before,
        after=snapshot(round_, ["interview_notes"]),
    )
    return round_


@transaction.atomic
def round_mark_scored(*, actor, round_: Round) -> Round:
    """Every item and quick win has a score: the round is ready to publish (and its framework is frozen)."""
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    if round_.status != Status.SUBMITTED:
        raise ApplicationError(_("Only a submitted round can be marked as scored."))
    _require_agreed(round_)
    _require_usable(round_.framework)
    before = snapshot(round_, ["status"])
    round_.status, round_.scored_at = Status.SCORED, timezone.now()
    round_.save(update_fields=["status", "scored_at", "updated_at"])
    record_event(
        actor=actor, action="evaluation_round.scored", obj=round_, before=before, after=snapshot(round_, ["status"])
    )
    return round_


@transaction.atomic
def round_publish(*, actor, round_: Round) -> Round:
    """Freeze the results on the round and show them to the region (and the public). Irreversible."""
    from ..selectors import round_results  # the selector reads what this service freezes

    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    if round_.status != Status.SCORED:
        raise ApplicationError(_("Mark the round as scored before publishing it."))
    _require_agreed(round_)  # a score changed after "scored" may have reopened a disagreement
    with translation.override(None):  # the frozen names are the framework's own (Indonesian), whoever publishes
        results = round_results(round_=round_)
    before = snapshot(round_, ["status", "index"])
    round_.status = Status.PUBLISHED
    round_.published_by, round_.published_at = actor, timezone.now()
    round_.index = results.index.quantize(Decimal("0.0001"))
    round_.results = {
        "index": str(results.index),
        "dimensions": {
            d.key: {"name": d.name, "weight": str(d.weight), "score": None if d.score is None else str(d.score)}
            for d in results.dimensions
        },
        "smart": {k: None if v is None else str(v) for k, v in results.smart.items()},
    }
    round_.save(update_fields=["status", "published_by", "published_at", "index", "results", "updated_at"])
    if round_.supersedes_id:
        Round.objects.filter(pk=round_.supersedes_id).update(is_superseded=True)
    record_event(
        actor=actor,
        action="evaluation_round.publish",
        obj=round_,
        before=before,
        after=snapshot(round_, ["status", "index"]),
    )
    _notify_on_commit(round_, "published")
    return round_


@transaction.atomic
def assessment_record(
    *,
    actor,
    round_: Round,
    scores: dict[int, tuple[object, str]],
    ratings: dict[int, dict],
    notes: str | None = None,
    mark_scored: bool = False,
) -> Round:
    """The assessor's whole form at once, all or nothing: their item scores, their quick-win ratings, the
    interview notes (when given and changed) and, with `mark_scored`, the round marked as scored."""
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    round_ = scores_save(actor=actor, round_=round_, scores=scores)
    round_ = quick_wins_rate(actor=actor, round_=round_, ratings=ratings)
    if notes is not None and notes.strip() != round_.interview_notes:
        round_ = interview_notes_save(actor=actor, round_=round_, notes=notes.strip()[:20000])
    if mark_scored:
        round_ = round_mark_scored(actor=actor, round_=round_)
    return round_


@transaction.atomic
def items_moderate(*, actor, round_: Round, agreed: dict[int, tuple[object, str]]) -> Round:
    """agreed: {item id: (agreed score, reason)}. The lead assessor's agreed scores, all or nothing."""
    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    if not agreed:
        raise ApplicationError(_("Give the agreed score and the reason for it."))
    for item_id, (score, reason) in agreed.items():
        item_moderate(actor=actor, round_=round_, item_id=item_id, score=score, reason=reason)
    return round_
