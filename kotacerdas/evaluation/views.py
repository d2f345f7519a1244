"""Evaluation pages of a region, under /r/<region>/evaluasi/ (staff) and /r/<region>/hasil-evaluasi/ (public).

Thin: parse, check the rule, call a service or selector, render. Every round is looked up through the URL's
region, so another region's round is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.files import private_file_response
from kotacerdas.regions.access import require_perm, with_region

from . import prefill, selectors, services
from .forms import AssessorsForm, CorrectionForm, EvidenceForm, parse_rows
from .models import ItemEvidence, Round

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
        if user.has_perm("evaluation.manage_rounds") and not round_.is_published
        else None,
        "errors": errors or {},
        "posted": posted,
    }


@login_required
@with_region
def round_list(request, *, region):
    require_perm(request, "evaluation.view_round", region)
    return render(
        request,
        "evaluation/round_list.html",
        {
            "region": region,
            "rounds": selectors.rounds_for_region(region=region),
            "is_evaluator": request.user.has_perm("evaluation.manage_rounds"),
        },
    )


@login_required
@with_region
def round_page(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.view_round", round_)
    return render(request, "evaluation/round.html", _round_context(request, region, round_))


def _refuse(request, region, round_, exc: ApplicationError, *, posted=None):
    messages.error(request, exc.message)
    round_ = _round(region, round_.pk)
    context = _round_context(request, region, round_, errors=exc.fields, posted=posted)
    return render(request, "evaluation/round.html", context, status=400)


@login_required
@require_POST
@with_region
def self_assessment_save(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    answers, errors = parse_rows(
        request.POST, prefix_value="self_", prefix_text="note_", ids=[s.item_id for s in round_.scores.all()]
    )
    try:
        if errors:
            raise ApplicationError(_("Please correct the errors below."), fields=errors)
        with transaction.atomic():
            services.self_assessment_save(actor=request.user, round_=round_, answers=answers)
            if "submit" in request.POST:
                services.round_submit(actor=request.user, round_=round_)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    if "submit" in request.POST:
        messages.success(request, _("The self-assessment was submitted to the assessors."))
    else:
        messages.success(request, _("The self-assessment was saved."))
    return _back(region, round_)


@login_required
@require_POST
@with_region
def prefill_refresh(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    try:
        services.round_refresh_prefill(actor=request.user, round_=round_)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The figures from monitoring were read again."))
    return _back(region, round_)


@login_required
@require_POST
@with_region
def scores_save(request, *, region, pk):
    """The assessor's form: item scores and comments, quick-win ratings and interview notes at once."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.score_round", round_)
    scores, errors = parse_rows(
        request.POST, prefix_value="score_", prefix_text="comment_", ids=[s.item_id for s in round_.scores.all()]
    )
    ratings = {}
    for r in round_.quick_wins.all():
        row = {}
        for name in ("innovativeness", "implementation", "benefit"):
            parsed, errs = parse_rows(
                request.POST, prefix_value=f"{name}_", prefix_text="qwcomment_", ids=[r.programme_id]
            )
            errors.update(errs)
            if parsed:
                row[name], row["comment"] = parsed[r.programme_id]
        ratings[r.programme_id] = row
    try:
        if errors:
            raise ApplicationError(_("Please correct the errors below."), fields=errors)
        with transaction.atomic():
            services.scores_save(actor=request.user, round_=round_, scores=scores)
            services.quick_wins_rate(actor=request.user, round_=round_, ratings=ratings)
            notes = request.POST.get("interview_notes")
            if notes is not None and notes.strip() != round_.interview_notes:
                services.interview_notes_save(actor=request.user, round_=round_, notes=notes.strip()[:20000])
            if "scored" in request.POST:
                services.round_mark_scored(actor=request.user, round_=round_)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    messages.success(request, _("The scores were saved."))
    return _back(region, round_)


@login_required
@require_POST
@with_region
def evidence_attach(request, *, region, pk, item_id):
    """The region admin attaches a file to one item of a self-assessment in progress."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    form = EvidenceForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Please correct the errors below."), fields=form.errors)
        services.evidence_attach(
            actor=request.user,
            round_=round_,
            item_id=item_id,
            file=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
        )
    except ApplicationError as exc:
        errors = [str(e) for errs in (exc.fields or {}).values() for e in errs] or [exc.message]
        exc.fields = {f"file_{item_id}": errors}
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The file was attached."))
    return redirect(
        f"{reverse('evaluation:round', kwargs={'region_slug': region.slug, 'pk': round_.pk})}#item-{item_id}"
    )


@login_required
@require_POST
@with_region
def evidence_remove(request, *, region, pk, evidence_pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    evidence = get_object_or_404(
        ItemEvidence.objects.select_related("item_score__round", "item_score__item"),
        region=region,
        item_score__round=round_,
        pk=evidence_pk,
    )
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The file was removed."))
    return _back(region, round_)


@login_required
@require_GET
@with_region
def evidence_file(request, *, region, pk, evidence_pk):
    """Evidence files are private: served only to the region's staff and the round's assessors."""
    evidence = get_object_or_404(
        ItemEvidence.objects.select_related("item_score__round"), region=region, item_score__round_id=pk, pk=evidence_pk
    )
    require_perm(request, "evaluation.view_evidence", evidence.item_score.round)
    return private_file_response(
        evidence.file, content_type=evidence.content_type, attachment=not evidence.is_image, filename=evidence.name
    )


@login_required
@require_POST
@with_region
def moderate(request, *, region, pk):
    """The lead assessor's agreed scores (`agreed_<item id>`, `reason_<item id>`) where the assessors disagree."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.score_round", round_)
    disputed = [s.item_id for s in round_.scores.all() if s.needs_moderation]
    given = {i for i in disputed if (request.POST.get(f"agreed_{i}") or request.POST.get(f"reason_{i}") or "").strip()}
    values, errors = parse_rows(request.POST, prefix_value="agreed_", prefix_text="reason_", ids=sorted(given))
    try:
        if errors:
            raise ApplicationError(_("Please correct the errors below."), fields=errors)
        if not given:
            raise ApplicationError(_("Give the agreed score and the reason for it."))
        with transaction.atomic():
            for item_id, (value, reason) in values.items():
                services.item_moderate(actor=request.user, round_=round_, item_id=item_id, score=value, reason=reason)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    messages.success(request, _("The agreed scores were saved."))
    return _back(region, round_)


@login_required
@require_POST
@with_region
def publish(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.score_round", round_)
    try:
        services.round_publish(actor=request.user, round_=round_)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The results were published."))
    return redirect("evaluation:results", region_slug=region.slug, pk=round_.pk)


@login_required
@require_POST
@with_region
def assessors_set(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.manage_rounds")
    form = AssessorsForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Please correct the errors below."), fields=form.errors)
        services.round_set_assessors(
            actor=request.user,
            round_=round_,
            assessors=form.cleaned_data["assessors"],
            lead=form.cleaned_data["lead"],
        )
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The assessors were saved."))
    return _back(region, round_)


@login_required
@with_region
def correct(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.score_round", round_)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.round_correct(actor=request.user, round_=round_, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("A correction was opened as a new version. Rescore and publish it."))
            return _back(region, new)
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/correct.html", {"region": region, "round": round_, "form": form}, status=status)


def _results_context(region, round_: Round, *, full: bool) -> dict:
    results = selectors.round_results(round_=round_)
    improvement = selectors.improvement(round_=round_, results=results)
    smart = selectors.smart_rows(results)
    previous_smart = None
    if improvement is not None:
        prev = (improvement.previous.results or {}).get("smart", {})
        previous_smart = [(label, prev.get(key)) for key, label, _v in smart]
    return {
        "region": region,
        "round": round_,
        "framework": round_.framework,
        "results": results,
        "improvement": improvement,
        "smart": smart,
        "radar_rows": [(label, value) for _k, label, value in smart],
        "radar_previous": previous_smart,
        "versions": selectors.versions(region=region, year=round_.year),
        "sections": _sections(round_) if full else None,
        "quick_wins": list(round_.quick_wins.all()) if full else None,
        "full": full,
    }


@login_required
@with_region
def results(request, *, region, pk):
    """The full results for staff: figures, improvement, radar, the largest gaps and the assessors' comments."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.view_round", round_)
    if not request.user.has_perm("evaluation.view_scores", round_):
        raise PermissionDenied
    return render(request, "evaluation/results.html", _results_context(region, round_, full=True))


@login_required
@with_region
def results_pdf(request, *, region, pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.view_round", round_)
    if not request.user.has_perm("evaluation.view_scores", round_):
        raise PermissionDenied
    from .pdf import results_pdf_bytes

    content = results_pdf_bytes(_results_context(region, round_, full=True))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluasi-{region.slug}-{round_.year}-v{round_.version}.pdf"'
    return response


@require_GET
@public_page
@with_region
def public_results(request, *, region):
    """Public: the published index and per-dimension scores, every version with its correction reason.
    The assessors' item comments are not shown here."""
    rounds = selectors.public_results(region=region)
    current = next((r for r in rounds if not r.is_superseded), None)
    context = {"region": region, "rounds": rounds}
    if current is not None:
        context.update(_results_context(region, current, full=False))
        context["round"] = current
    return render(request, "evaluation/public_results.html", context)
