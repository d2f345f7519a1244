"""The round page and the forms on it: self-assessment, assessors' scores, moderation, publication,
assessors, corrections."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotacerdas.common.cache import serve_staff_cached
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import AssessorsForm, CorrectionForm, parse_rows
from ..models import Round
from ._common import _back, _refuse, _round, _round_context


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
            "can_advise": request.user.has_perm("evaluation.view_advice", region),
        },
    )


@login_required
@with_region
def round_page(request, *, region, pk):
    """The round. For those who only read it (no self-assessment, scoring or appointing to do) the page body is
    shared by everyone who sees it alike (the permissions below) and cached under the region's version, which
    every audited change of the round, its scores and the monitoring it reads bumps (issue 18)."""
    light = Round.objects.filter(region=region, pk=pk).first()
    if light is None:
        raise Http404
    require_perm(request, "evaluation.view_round", light)

    def build():
        round_ = _round(region, pk)
        return render(request, "evaluation/round.html", _round_context(request, region, round_))

    seen_as = _reader_view(request.user, region, light)
    if seen_as is None:
        return build()
    variant = f"evaluation-round:{pk}:{seen_as}:{request.get_full_path()}"
    return serve_staff_cached(request, build, region_slug=region.slug, variant=variant)


def _reader_view(user, region, round_) -> str | None:
    """What the template decides by the reader, as a key (None for someone with a form of their own on it)."""
    writes = (
        (user.has_perm("evaluation.fill_self_assessment", round_) and round_.status == Round.Status.DRAFT)
        or user.has_perm("evaluation.score_round", round_)
        or (user.has_perm("evaluation.appoint_assessors", round_) and not round_.is_published)
    )
    if writes:
        return None
    flags = (
        user.has_perm("evaluation.view_scores", round_),
        rules.has_perm("evaluation.manage_rounds", user),  # the rule alone: no model-permission queries
        user.has_perm("evaluation.view_evidence", round_),
        user.is_superuser or user.is_national_evaluator,
        user.has_perm("regions.view_audit", region),
    )
    return "".join("1" if f else "0" for f in flags)


def _files_posted(request, ids: list[int]) -> tuple[dict, dict, int | None]:
    """The files chosen in the self-assessment form: ({item id: (file, caption)}, errors, evidence to remove).
    The "Attach" button of an item without a chosen file is an error on that item."""
    attach = {
        i: (request.FILES[f"file_{i}"], request.POST.get(f"caption_{i}", ""))
        for i in ids
        if f"file_{i}" in request.FILES
    }
    errors = {}
    pressed = request.POST.get("attach", "")
    if pressed.isdigit() and int(pressed) in ids and int(pressed) not in attach:
        errors[f"file_{pressed}"] = [_("Choose a file.")]
    remove = request.POST.get("remove_evidence", "")
    return attach, errors, int(remove) if remove.isdigit() else None


@login_required
@require_POST
@with_region
def self_assessment_save(request, *, region, pk):
    """Save (and with `submit`, submit) the self-assessment. Files are part of the form: attaching or removing
    one saves the typed scores and notes in the same step, so nothing typed is lost."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    ids = [s.item_id for s in round_.scores.all()]
    answers, errors = parse_rows(request.POST, prefix_value="self_", prefix_text="note_", ids=ids)
    attach, file_errors, remove = _files_posted(request, ids)
    errors.update(file_errors)
    try:
        if errors:
            raise ApplicationError(_("Please correct the errors below."), fields=errors)
        services.self_assessment_record(
            actor=request.user,
            round_=round_,
            answers=answers,
            submit="submit" in request.POST,
            attach=attach,
            remove_evidence=remove,
        )
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    if "submit" in request.POST:
        messages.success(request, _("The self-assessment was submitted to the assessors."))
        return _back(region, round_)
    if attach or remove is not None:
        messages.success(request, _("The self-assessment was saved and its files updated."))
        anchor = f"#item-{next(iter(attach))}" if attach else ""
        return redirect(reverse("evaluation:round", kwargs={"region_slug": region.slug, "pk": round_.pk}) + anchor)
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
        services.assessment_record(
            actor=request.user,
            round_=round_,
            scores=scores,
            ratings=ratings,
            notes=request.POST.get("interview_notes"),
            mark_scored="scored" in request.POST,
        )
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    messages.success(request, _("The scores were saved."))
    return _back(region, round_)


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
        services.items_moderate(actor=request.user, round_=round_, agreed=values)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc, posted=request.POST)
    messages.success(request, _("The agreed scores were saved."))
    return _back(region, round_)


@login_required
@require_http_methods(["GET", "POST"])
@with_region
def publish(request, *, region, pk):
    """Publishing asks first: the GET (and a POST without `confirm`) shows what publishing does and changes
    nothing; only the confirmation page's POST publishes."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.score_round", round_)
    if round_.status != Round.Status.SCORED:
        messages.error(request, _("Only a scored round can be published."))
        return _back(region, round_)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        context = {"region": region, "round": round_, "results": selectors.round_results(round_=round_)}
        return render(request, "evaluation/publish_confirm.html", context)
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
    require_perm(request, "evaluation.appoint_assessors", round_)
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
