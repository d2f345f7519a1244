"""Every write of the yearly evaluation. Keyword-only, atomic, checked, audited with before and after."""

from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch as models_prefetch
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.uploads import check_document, reencode_image
from kotacerdas.regions.access import require_rule

from . import defaults, prefill
from .models import (
    AssessorRating,
    AssessorScore,
    EvaluationDimension,
    Framework,
    Item,
    ItemEvidence,
    ItemScore,
    QuickWinRating,
    Round,
)
from .scoring import HUNDRED, q2

Status = Round.Status
LOCKING = (Status.SCORED, Status.PUBLISHED)
# Assessors whose own scores of an item are further apart than this (in points of the framework's scale)
# must agree: the lead assessor sets the agreed score with a reason.
DISAGREEMENT = Decimal(1)
RATING_FIELDS = ("innovativeness", "implementation", "benefit")


def _clean(obj, *, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields=exc.message_dict) from None


def _decimal(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Enter a number."), fields={field: [_("Enter a number.")]}) from None


# --- frameworks -----------------------------------------------------------------------------------------


def framework_is_locked(framework: Framework) -> bool:
    """A framework is frozen once any round using it has been scored."""
    return Round.objects.filter(framework=framework, status__in=LOCKING).exists()


def _refuse_if_locked(framework: Framework) -> None:
    if framework_is_locked(framework):
        raise ApplicationError(
            _(
                "The %(year)s framework cannot change: a round using it has already been scored. "
                "Copy it into a new year's framework instead."
            )
            % {"year": framework.year}
        )


def framework_problems(framework: Framework) -> list[str]:
    """Why the framework cannot be used yet (empty when it can): weights that do not sum to 100%."""
    problems = []
    dims = list(framework.dimensions.all())
    total = sum((d.weight for d in dims), Decimal(0))
    if total != HUNDRED:
        problems.append(_("The evaluation dimension weights add up to %(total)s%%, not 100%%.") % {"total": q2(total)})
    sums = dict(
        framework.items.values("dimension_id").annotate(total=Sum("weight")).values_list("dimension_id", "total")
    )
    for d in dims:
        if d.is_quick_win:
            continue
        item_total = sums.get(d.pk) or Decimal(0)
        if item_total != HUNDRED:
            problems.append(
                _("The item weights of %(dimension)s add up to %(total)s%%, not 100%%.")
                % {"dimension": d.name, "total": q2(item_total)}
            )
    return problems


def _require_usable(framework: Framework) -> None:
    problems = framework_problems(framework)
    if problems:
        raise ApplicationError(" ".join(problems))


@transaction.atomic
def framework_create(*, actor, year: int, copy_from: Framework | None = None) -> Framework:
    """A new year's framework: a copy of `copy_from` (dimensions, weights, scale, items) or the defaults."""
    require_rule(actor, "evaluation.manage_frameworks")
    if Framework.objects.filter(year=year).exists():
        raise ApplicationError(
            _("There is already a framework for %(year)s.") % {"year": year},
            fields={"year": [_("There is already a framework for %(year)s.") % {"year": year}]},
        )
    framework = Framework(year=year, created_by=actor, copied_from=copy_from)
    if copy_from is not None:
        framework.scale_min, framework.scale_max, framework.note = (
            copy_from.scale_min,
            copy_from.scale_max,
            copy_from.note,
        )
    _clean(framework, exclude=["created_by", "copied_from"])
    framework.save()
    if copy_from is not None:
        dim_map = {}
        for d in copy_from.dimensions.all():
            dim_map[d.pk] = EvaluationDimension.objects.create(
                framework=framework,
                key=d.key,
                name=d.name,
                name_en=d.name_en,
                measures=d.measures,
                weight=d.weight,
                order=d.order,
            )
        Item.objects.bulk_create(
            Item(
                framework=framework,
                dimension=dim_map[i.dimension_id],
                smart_dimension=i.smart_dimension,
                code=i.code,
                title=i.title,
                title_en=i.title_en,
                evidence_needed=i.evidence_needed,
                weight=i.weight,
                source=i.source,
                order=i.order,
            )
            for i in copy_from.items.all()
        )
    else:
        dim_map = {}
        for order, (key, name, name_en, measures, weight) in enumerate(defaults.DIMENSIONS):
            dim_map[key] = EvaluationDimension.objects.create(
                framework=framework, key=key, name=name, name_en=name_en, measures=measures, weight=weight, order=order
            )
        Item.objects.bulk_create(
            Item(framework=framework, **{**row, "dimension": dim_map[row["dimension"]]}) for row in defaults.items()
        )
    record_event(
        actor=actor,
        action="evaluation_framework.create",
        obj=framework,
        after={**snapshot(framework), "copied_from_year": copy_from.year if copy_from else None},
    )
    return framework


@transaction.atomic
def framework_update(
    *, actor, framework: Framework, scale_min, scale_max, note: str, weights: dict[str, object]
) -> Framework:
    """Change the scale and the evaluation dimension weights (keyed by dimension key) at once.

    Refused when the weights do not sum to 100% or when a round using the framework has been scored.
    """
    require_rule(actor, "evaluation.manage_frameworks")
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _refuse_if_locked(framework)
    dims = {d.key: d for d in framework.dimensions.all()}
    before = {**snapshot(framework), "weights": {k: str(d.weight) for k, d in dims.items()}}
    new_weights = {}
    errors: dict[str, list] = {}
    for key in dims:
        value = _decimal(weights.get(key), field=f"weight_{key}")
        if value is None or not (0 <= value <= 100):
            errors[f"weight_{key}"] = [_("A weight is a percentage between 0 and 100.")]
        new_weights[key] = value
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    total = sum(new_weights.values(), Decimal(0))
    if total != HUNDRED:
        message = _("The evaluation dimension weights must add up to 100%%; they add up to %(total)s%%.") % {
            "total": q2(total)
        }
        raise ApplicationError(message, fields={"__all__": [message]})
    framework.scale_min = _decimal(scale_min, field="scale_min")
    framework.scale_max = _decimal(scale_max, field="scale_max")
    framework.note = note
    _clean(framework, exclude=["created_by", "copied_from"])
    framework.save()
    for key, dim in dims.items():
        if dim.weight != new_weights[key]:
            dim.weight = new_weights[key]
            dim.save(update_fields=["weight", "updated_at"])
    after = {**snapshot(framework), "weights": {k: str(q2(v)) for k, v in new_weights.items()}}
    record_event(actor=actor, action="evaluation_framework.update", obj=framework, before=before, after=after)
    return framework


ITEM_FIELDS = [
    "dimension",
    "smart_dimension",
    "code",
    "title",
    "title_en",
    "evidence_needed",
    "weight",
    "source",
    "order",
]


def _check_item(framework: Framework, item: Item) -> None:
    if item.dimension.framework_id != framework.pk:
        raise ApplicationError(
            _("Choose an evaluation dimension of this framework."),
            fields={"dimension": [_("Choose an evaluation dimension of this framework.")]},
        )
    if item.dimension.is_quick_win:
        message = _("The Quick Win dimension is scored from the quick-win ratings, not from items.")
        raise ApplicationError(message, fields={"dimension": [message]})
    _clean(item, exclude=["framework"])
    others = Item.objects.filter(dimension=item.dimension).exclude(pk=item.pk).aggregate(t=Sum("weight"))[
        "t"
    ] or Decimal(0)
    if others + item.weight > HUNDRED:
        message = _("The item weights of %(dimension)s would add up to %(total)s%%; they must not pass 100%%.") % {
            "dimension": item.dimension.name,
            "total": q2(others + item.weight),
        }
        raise ApplicationError(message, fields={"weight": [message]})
    if Item.objects.filter(framework=framework, code=item.code).exclude(pk=item.pk).exists():
        message = _("This framework already has an item with that code.")
        raise ApplicationError(message, fields={"code": [message]})


@transaction.atomic
def item_create(*, actor, framework: Framework, **fields) -> Item:
    require_rule(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(framework)
    item = Item(framework=framework, **{k: v for k, v in fields.items() if k in ITEM_FIELDS})
    _check_item(framework, item)
    item.save()
    # Rounds already open on this framework (none is scored, or it would be locked) get the new question too.
    ItemScore.objects.bulk_create(
        ItemScore(region_id=r.region_id, round=r, item=item) for r in Round.objects.filter(framework=framework)
    )
    record_event(actor=actor, action="evaluation_item.create", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def item_update(*, actor, item: Item, **fields) -> Item:
    require_rule(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(item.framework)
    before = snapshot(item)
    for key, value in fields.items():
        if key in ITEM_FIELDS:
            setattr(item, key, value)
    _check_item(item.framework, item)
    item.save()
    record_event(actor=actor, action="evaluation_item.update", obj=item, before=before, after=snapshot(item))
    return item


@transaction.atomic
def item_delete(*, actor, item: Item) -> None:
    require_rule(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(item.framework)
    if item.scores.exists():
        raise ApplicationError(_("This item already has answers in a round; change its weight to 0 instead."))
    before = snapshot(item)
    record_event(actor=actor, action="evaluation_item.delete", obj=item, before=before)
    item.delete()


# --- rounds ---------------------------------------------------------------------------------------------


def _assessors(users) -> list:
    users = list(users or [])
    if any(not u.is_national_evaluator for u in users):
        message = _("Assessors must be national evaluators.")
        raise ApplicationError(message, fields={"assessors": [message]})
    return users


def _suggested(fact, scale_max: Decimal) -> Decimal | None:
    if fact is None or fact.share is None:
        return None
    return q2(fact.share * scale_max)


def _write_prefill(round_: Round) -> None:
    facts = prefill.collect(region=round_.region, year=round_.year)
    scale_max = round_.framework.scale_max
    for score in round_.scores.select_related("item"):
        fact = facts.for_source(score.item.source, score.item.smart_dimension)
        score.prefill_value = fact.text[:250] if fact else ""
        score.prefill_url = fact.url if fact else ""
        score.prefill_score = _suggested(fact, scale_max)
        if score.self_score is None and score.prefill_score is not None:
            score.self_score = score.prefill_score
        score.save(update_fields=["prefill_value", "prefill_url", "prefill_score", "self_score", "updated_at"])
    for rating in round_.quick_wins.select_related("programme__region"):
        value = facts.programme_achievement.get(rating.programme_id)
        rating.implementation_value = (
            _("Verified achievement %(value)s%% in %(period)s") % {"value": q2(value), "period": facts.period_label}
            if value is not None
            else ""
        )
        detail = prefill.survey_impact(rating.programme, round_.year) or {}
        rating.survey_score = q2(detail["score"]) if detail.get("score") is not None else None
        rating.survey_respondents = detail.get("respondents")
        rating.survey_url = detail.get("url", "")[:300]
        rating.save(
            update_fields=["implementation_value", "survey_score", "survey_respondents", "survey_url", "updated_at"]
        )


@transaction.atomic
def round_create(*, actor, region, framework: Framework, assessors=()) -> Round:
    """Open a region's evaluation for the framework's year with the self-assessment prefilled."""
    require_rule(actor, "evaluation.manage_rounds")
    _require_usable(framework)
    if Round.objects.filter(region=region, year=framework.year).exists():
        message = _("%(region)s already has an evaluation round for %(year)s.") % {
            "region": region.name,
            "year": framework.year,
        }
        raise ApplicationError(message, fields={"region": [message]})
    assessors = _assessors(assessors)
    round_ = Round.objects.create(
        region=region,
        framework=framework,
        year=framework.year,
        created_by=actor,
        lead_assessor=assessors[0] if assessors else None,
    )
    round_.assessors.set(assessors)
    ItemScore.objects.bulk_create(ItemScore(region=region, round=round_, item=i) for i in framework.items.all())
    QuickWinRating.objects.bulk_create(
        QuickWinRating(region=region, round=round_, programme=p) for p in prefill.quick_wins_of(region=region)
    )
    _write_prefill(round_)
    record_event(actor=actor, action="evaluation_round.create", obj=round_, after=snapshot(round_))
    _notify_on_commit(round_, "opened")
    return round_


@transaction.atomic
def round_refresh_prefill(*, actor, round_: Round) -> Round:
    """Read the monitoring figures again (a draft only); answers the admin typed are kept."""
    require_rule(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    if round_.status != Status.DRAFT:
        raise ApplicationError(_("Only a self-assessment in progress can be refreshed."))
    _write_prefill(round_)
    record_event(actor=actor, action="evaluation_round.prefill", obj=round_)
    return round_


@transaction.atomic
def round_set_assessors(*, actor, round_: Round, assessors, lead=None) -> Round:
    """Assign the assessors and the lead assessor (who moderates disagreements). Without a lead, the current
    lead stays if still assigned, else the first assessor (by user name) leads."""
    require_rule(actor, "evaluation.manage_rounds")
    round_ = _locked_round(round_)
    if round_.is_published:
        raise ApplicationError(_("A published round cannot change. Publish a correction instead."))
    assessors = sorted(_assessors(assessors), key=lambda u: u.username)
    ids = {u.pk for u in assessors}
    if lead is not None and lead.pk not in ids:
        message = _("The lead assessor must be one of the assessors.")
        raise ApplicationError(message, fields={"lead": [message]})
    before = {**snapshot(round_, ["assessors"]), "lead_assessor": round_.lead_assessor_id}
    round_.assessors.set(assessors)
    if lead is None:
        lead = round_.lead_assessor if round_.lead_assessor_id in ids else (assessors[0] if assessors else None)
    round_.lead_assessor = lead
    round_.save(update_fields=["lead_assessor", "updated_at"])
    record_event(
        actor=actor,
        action="evaluation_round.assessors",
        obj=round_,
        before=before,
        after={**snapshot(round_, ["assessors"]), "lead_assessor": round_.lead_assessor_id},
    )
    return round_


def _in_scale(value: Decimal | None, framework: Framework, field: str) -> Decimal | None:
    if value is None:
        return None
    if not (framework.scale_min <= value <= framework.scale_max):
        message = _("A score must be between %(min)s and %(max)s.") % {
            "min": q2(framework.scale_min),
            "max": q2(framework.scale_max),
        }
        raise ApplicationError(message, fields={field: [message]})
    return value


def _notify_on_commit(round_: Round, event: str) -> None:
    from .notifications import notify_round

    round_id = round_.pk
    transaction.on_commit(lambda: notify_round(round_id=round_id, event=event))


def _text(value: Decimal | None) -> str | None:
    """A score as the audit trail shows it: two decimals, so before and after compare as text."""
    return None if value is None else str(q2(value))


def _locked_round(round_: Round) -> Round:
    return Round.objects.select_for_update().select_related("framework").get(pk=round_.pk)


@transaction.atomic
def self_assessment_save(*, actor, round_: Round, answers: dict[int, tuple[object, str]]) -> Round:
    """answers: {item id: (self score, evidence note)}. Only while the self-assessment is in progress."""
    require_rule(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    if round_.status != Status.DRAFT:
        raise ApplicationError(_("The self-assessment was submitted and cannot change any more."))
    scores = {s.item_id: s for s in round_.scores.all()}
    changed = []
    for item_id, (raw, note) in answers.items():
        score = scores.get(int(item_id))
        if score is None:
            continue
        value = _in_scale(_decimal(raw, field=f"self_{item_id}"), round_.framework, f"self_{item_id}")
        if (score.self_score, score.evidence_note) != (value, note):
            before = {"self_score": _text(score.self_score), "evidence_note": score.evidence_note}
            score.self_score, score.evidence_note = value, note
            score.save(update_fields=["self_score", "evidence_note", "updated_at"])
            changed.append(
                {"item": item_id, "before": before, "after": {"self_score": _text(value), "evidence_note": note}}
            )
    if changed:
        record_event(
            actor=actor,
            action="evaluation_round.self_assessment",
            obj=round_,
            before={str(c["item"]): c["before"] for c in changed},
            after={str(c["item"]): c["after"] for c in changed},
        )
    return round_


@transaction.atomic
def round_submit(*, actor, round_: Round) -> Round:
    require_rule(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    if round_.status != Status.DRAFT:
        raise ApplicationError(_("Only a self-assessment in progress can be submitted."))
    missing = list(round_.scores.filter(self_score__isnull=True).values_list("item__code", flat=True))
    if missing:
        raise ApplicationError(
            _("Give a self score to every item before submitting (missing: %(codes)s).") % {"codes": ", ".join(missing)}
        )
    before = snapshot(round_, ["status"])
    round_.status = Status.SUBMITTED
    round_.submitted_by, round_.submitted_at = actor, timezone.now()
    round_.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    record_event(
        actor=actor, action="evaluation_round.submit", obj=round_, before=before, after=snapshot(round_, ["status"])
    )
    _notify_on_commit(round_, "submitted")
    return round_


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
    from .selectors import round_results  # the selector reads what this service freezes

    round_ = _locked_round(round_)
    _require_scoring(actor, round_)
    if round_.status != Status.SCORED:
        raise ApplicationError(_("Mark the round as scored before publishing it."))
    _require_agreed(round_)  # a score changed after "scored" may have reopened a disagreement
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
def round_correct(*, actor, round_: Round, reason: str) -> Round:
    """Open a correction of a published round: a new version with the same answers and scores, to be
    rescored and published. The published version stays as it is, visible, marked superseded once the
    correction is published."""
    round_ = _locked_round(round_)
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
    copy = ["item_id", "prefill_value", "prefill_url", "prefill_score", "self_score", "evidence_note", "score"]
    copy += ["comment", "scored_by_id", "scored_at", "needs_moderation", "moderated_by_id", "moderated_at"]
    copy += ["moderation_reason"]
    ItemScore.objects.bulk_create(
        ItemScore(region=new.region, round=new, **{f: getattr(s, f) for f in copy}) for s in round_.scores.all()
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
    qcopy = [
        "programme_id",
        "innovativeness",
        "implementation",
        "benefit",
        "survey_score",
        "survey_respondents",
        "survey_url",
    ]
    qcopy += ["implementation_value", "comment", "rated_by_id", "rated_at"]
    QuickWinRating.objects.bulk_create(
        QuickWinRating(region=new.region, round=new, **{f: getattr(r, f) for f in qcopy})
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
    record_event(
        actor=actor,
        action="evaluation_round.correct",
        obj=new,
        before={"version": round_.version, "index": str(round_.index)},
        after={**snapshot(new, ["version", "status", "correction_reason"]), "supersedes": round_.pk},
    )
    ItemEvidence.objects.bulk_create(  # the same private files (they can no longer change or be removed)
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
    return new


# --- evidence files -------------------------------------------------------------------------------------

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

    require_rule(actor, "evaluation.fill_self_assessment", round_)
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
    require_rule(actor, "evaluation.fill_self_assessment", round_)
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


def national_evaluators():
    return get_user_model().objects.filter(is_national_evaluator=True, is_active=True).order_by("username")
