"""What the evaluation pages share: the round lookup through the region, the round page context."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError

from .. import prefill, selectors
from ..forms import AssessorsForm
from ..models import Round

Status = Round.Status


def _round(region, pk) -> Round:
    try:
        return selectors.round_detail(region=region, pk=pk)
    except Round.DoesNotExist:
        raise Http404 from None


def _back(region, round_):
    return redirect("evaluation:round", region_slug=region.slug, pk=round_.pk)


def _sections(round_: Round) -> list[dict]:
    """Items grouped by evaluation dimension, in the framework's order."""
    sections = []
    by_dim: dict[int, list] = {}
    for s in round_.scores.all():
        by_dim.setdefault(s.item.dimension_id, []).append(s)
    for d in round_.framework.dimensions.all():
        sections.append({"dimension": d, "scores": by_dim.get(d.pk, [])})
    return sections


def _inputs(round_: Round, posted, errors: dict, user=None) -> None:
    """Put what goes in each input on the rows: what was just typed (after a refusal) or what is saved.

    An assessor's inputs hold their own scores (`AssessorScore`, `AssessorRating`), not the agreed ones.
    """

    def pick(name, saved):
        if posted is not None and name in posted:
            return posted.get(name)
        return "" if saved is None else saved

    user_pk = getattr(user, "pk", None)
    n_assessors = len(round_.assessors.all())
    for s in round_.scores.all():
        pk = s.item_id
        own = [a for a in s.assessor_scores.all() if a.score is not None]
        mine = next((a for a in s.assessor_scores.all() if a.assessor_id == user_pk), None)
        s.own_scores = sorted(own, key=lambda a: a.assessor.username)
        s.scored_count, s.assessor_count = len(own), n_assessors
        s.self_input = pick(f"self_{pk}", s.self_score)
        s.note_input = pick(f"note_{pk}", s.evidence_note)
        s.score_input = pick(f"score_{pk}", mine.score if mine else None)
        s.comment_input = pick(f"comment_{pk}", mine.comment if mine else "")
        s.agreed_input = pick(f"agreed_{pk}", s.score if s.is_moderated else None)
        s.reason_input = pick(f"reason_{pk}", s.moderation_reason)
        s.errors = errors.get(f"self_{pk}", []) + errors.get(f"score_{pk}", [])
        s.moderation_errors = errors.get(f"agreed_{pk}", []) + errors.get(f"reason_{pk}", [])
        s.file_errors = errors.get(f"file_{pk}", [])
        s.caption_input = pick(f"caption_{pk}", "")  # a refused save shows the caption again (a file cannot be)
    for r in round_.quick_wins.all():
        pk = r.programme_id
        mine = next((a for a in r.assessor_ratings.all() if a.assessor_id == user_pk), None)
        r.rated_count = sum(1 for a in r.assessor_ratings.all() if a.innovativeness is not None)
        r.inputs = [
            (name, label, pick(f"{name}_{pk}", getattr(mine, name) if mine else None), errors.get(f"{name}_{pk}", []))
            for name, label in (
                ("innovativeness", _("Innovativeness")),
                ("implementation", _("Implementation")),
                ("benefit", _("Benefit to citizens")),
            )
        ]
        r.comment_input = pick(f"qwcomment_{pk}", mine.comment if mine else "")


def _round_context(request, region, round_, *, errors=None, posted=None) -> dict:
    user = request.user
    _inputs(round_, posted, errors or {}, user)
    can_fill = user.has_perm("evaluation.fill_self_assessment", round_) and round_.status == Status.DRAFT
    can_score = user.has_perm("evaluation.score_round", round_) and round_.status in (Status.SUBMITTED, Status.SCORED)
    can_see_scores = user.has_perm("evaluation.view_scores", round_)
    preview = selectors.round_results(round_=round_, self_scores=True)
    return {
        "region": region,
        "round": round_,
        "framework": round_.framework,
        "sections": _sections(round_),
        "quick_wins": list(round_.quick_wins.all()),
        "facts": prefill.collect(region=region, year=round_.year) if round_.status == Status.DRAFT else None,
        "self_preview": preview,
        "results": selectors.round_results(round_=round_) if can_see_scores else None,
        "can_fill": can_fill,
        "can_score": can_score,
        "can_see_scores": can_see_scores,
        "can_manage": user.has_perm("evaluation.manage_rounds"),
        "can_correct": user.has_perm("evaluation.score_round", round_)
        and round_.is_published
        and not round_.is_superseded,
        "is_assessor": user.has_perm("evaluation.score_round", round_),
        "is_lead": can_score and round_.lead_assessor_id == user.pk,
        "can_view_evidence": user.has_perm("evaluation.view_evidence", round_),
        # The assessors' own scores: to national evaluators and superusers, never to the region.
        "can_see_own_scores": user.is_superuser or user.is_national_evaluator,
        "disputed": [s for s in round_.scores.all() if s.needs_moderation],
        "can_audit": user.has_perm("regions.view_audit", region),
        "assessors_form": AssessorsForm(
            initial={"assessors": list(round_.assessors.all()), "lead": round_.lead_assessor_id}
        )
        if user.has_perm("evaluation.appoint_assessors", round_) and not round_.is_published
        else None,
        "errors": errors or {},
        "posted": posted,
    }


def _refuse(request, region, round_, exc: ApplicationError, *, posted=None):
    messages.error(request, exc.message)
    round_ = _round(region, round_.pk)
    context = _round_context(request, region, round_, errors=exc.fields, posted=posted)
    return render(request, "evaluation/round.html", context, status=400)
