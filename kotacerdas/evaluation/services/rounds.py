"""Opening a region's round, its assessors, and the region's self-assessment up to its submission."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.numbers import format_number, shown
from kotacerdas.common.permissions import ensure_allowed

from .. import prefill, prefill_texts
from ..models import Framework, ItemEvidence, ItemScore, QuickWinRating, Round
from ..scoring import q2
from ._common import Status, _decimal, _in_scale, _locked_round, _notify_on_commit, _text
from .evidence import evidence_attach, evidence_remove
from .frameworks import _require_usable


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
    # The texts are stored and read by the region and the ministry alike: written in the site's language
    # (Indonesian, with its decimal comma) whoever opens the round, so they do not depend on who did.
    with translation.override(settings.LANGUAGE_CODE):
        _write_prefill_texts(round_)


def _write_prefill_texts(round_: Round) -> None:
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
        value, period_label = facts.quick_win_results.get(rating.programme_id, (None, ""))
        rating.implementation_value = (
            _(prefill_texts.QUICK_WIN_ACHIEVEMENT) % {"value": format_number(shown(value)), "period": period_label}
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
    ensure_allowed(actor, "evaluation.manage_rounds")
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
    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
    round_ = _locked_round(round_)
    if round_.status != Status.DRAFT:
        raise ApplicationError(_("Only a self-assessment in progress can be refreshed."))
    _write_prefill(round_)
    record_event(actor=actor, action="evaluation_round.prefill", obj=round_)
    return round_


@transaction.atomic
def round_set_assessors(*, actor, round_: Round, assessors, lead=None) -> Round:
    """Assign the assessors and the lead assessor (who moderates disagreements). Without a lead, the current
    lead stays if still assigned, else the first assessor (by user name) leads. Only the round's lead assessor
    or a superuser may (`evaluation.appoint_assessors`)."""
    ensure_allowed(actor, "evaluation.appoint_assessors", round_)
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


@transaction.atomic
def self_assessment_save(*, actor, round_: Round, answers: dict[int, tuple[object, str]]) -> Round:
    """answers: {item id: (self score, evidence note)}. Only while the self-assessment is in progress."""
    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
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
    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
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


def national_evaluators():
    return get_user_model().objects.filter(is_national_evaluator=True, is_active=True).order_by("username")


@transaction.atomic
def self_assessment_record(
    *,
    actor,
    round_: Round,
    answers: dict[int, tuple[object, str]],
    submit: bool = False,
    attach: dict | None = None,
    remove_evidence: int | None = None,
) -> Round:
    """Save the self-assessment answers, attach the chosen files (`attach`: {item id: (file, caption)}),
    remove one file (`remove_evidence`, an ItemEvidence pk of this round) and, with `submit`, submit it to the
    assessors: all or nothing, so attaching a file never loses a typed score or note. A refused file comes
    back on the field `file_<item id>`."""
    ensure_allowed(actor, "evaluation.fill_self_assessment", round_)
    round_ = self_assessment_save(actor=actor, round_=round_, answers=answers)
    for item_id, (file, caption) in (attach or {}).items():
        try:
            evidence_attach(actor=actor, round_=round_, item_id=item_id, file=file, caption=caption)
        except ApplicationError as exc:
            errors = [str(e) for errs in exc.fields.values() for e in errs] or [exc.message]
            raise ApplicationError(exc.message, fields={f"file_{item_id}": errors}) from exc
    if remove_evidence is not None:
        evidence = (
            ItemEvidence.objects.filter(item_score__round=round_, pk=remove_evidence)
            .select_related("item_score__round", "item_score__item")
            .first()
        )
        if evidence is None:
            raise ApplicationError(_("This file was already removed."))
        evidence_remove(actor=actor, evidence=evidence)
    if submit:
        round_ = round_submit(actor=actor, round_=round_)
    return round_
