"""Round I: the readiness questionnaire, its scores and the pillar analyses (SWOT)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.services import StaleEdit
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import PillarAnalysisForm, QuestionForm, ReadinessScoresForm
from ..models import SCORE_LABELS, Pillar, PillarAnalysis, ReadinessItem
from ._common import _ctx, _done, _masterplan, _stale


@login_required
@with_region
def readiness(request, *, region):
    masterplan = _masterplan(request, region)
    pillars = selectors.readiness_summary(masterplan=masterplan)
    return render(
        request,
        "planning/readiness.html",
        _ctx(request, region, masterplan, pillars=pillars, score_labels=SCORE_LABELS.items()),
    )


def _pillar(pillar: str) -> str:
    if pillar not in Pillar.values:
        raise Http404
    return pillar


@login_required
@with_region
def readiness_pillar(request, *, region, pillar):
    masterplan = _masterplan(request, region)
    pillar = _pillar(pillar)
    summary = next(p for p in selectors.readiness_summary(masterplan=masterplan) if p["pillar"] == pillar)
    items = summary["items"]
    analysis = PillarAnalysis.objects.filter(masterplan=masterplan, pillar=pillar).first()
    scores = ReadinessScoresForm(items=items)
    swot = (
        PillarAnalysisForm(
            initial={
                **{f: getattr(analysis, f) for f in PillarAnalysisForm.base_fields if f != "version"},
                "version": analysis.version,
            }
        )
        if analysis
        else None
    )
    conflict, status = None, 200
    if request.method == "POST":
        require_perm(request, "planning.manage", region)
        status = 400
        if request.POST.get("form") == "swot" and analysis is not None:
            swot = PillarAnalysisForm(request.POST)
            if swot.is_valid():
                data = {k: v for k, v in swot.cleaned_data.items() if k != "version"}
                try:
                    services.pillar_analysis_update(
                        analysis=analysis, actor=request.user, expected_version=swot.cleaned_data["version"], **data
                    )
                except StaleEdit as exc:
                    conflict, status = _stale(swot, exc), 409
                except ApplicationError as exc:
                    add_to_form(swot, exc)
                else:
                    return _done(request, _("The SWOT was saved."), "readiness_pillar", region, pillar=pillar)
        else:
            scores = ReadinessScoresForm(request.POST, items=items)
            if scores.is_valid():
                try:
                    services.readiness_scores_set(
                        masterplan=masterplan, pillar=pillar, actor=request.user, answers=scores.answers()
                    )
                except StaleEdit as exc:
                    scores.add_error(None, exc.message)
                    status = 409
                except ApplicationError as exc:
                    add_to_form(scores, exc)
                else:
                    return _done(request, _("The scores were saved."), "readiness_pillar", region, pillar=pillar)
    context = _ctx(
        request,
        region,
        masterplan,
        pillar=pillar,
        pillar_label=Pillar(pillar).label,
        summary=summary,
        scores=scores,
        swot=swot,
        conflict=conflict,
        score_labels=SCORE_LABELS.items(),
    )
    return render(request, "planning/readiness_pillar.html", context, status=status)


@login_required
@with_region
def readiness_questions(request, *, region, pillar):
    masterplan = _masterplan(request, region, "planning.edit_questionnaire")
    pillar = _pillar(pillar)
    form = QuestionForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "add")
        item = None
        if action in ("update", "delete"):
            item = get_object_or_404(
                ReadinessItem, pk=request.POST.get("item") or 0, masterplan=masterplan, pillar=pillar
            )
        if action == "delete":
            services.readiness_item_delete(item=item, actor=request.user)
            return _done(request, _("The question was removed."), "readiness_questions", region, pillar=pillar)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                if item is None:
                    services.readiness_item_add(
                        masterplan=masterplan, pillar=pillar, actor=request.user, **form.cleaned_data
                    )
                else:
                    version = request.POST.get("version")
                    services.readiness_item_update(
                        item=item,
                        actor=request.user,
                        expected_version=int(version) if version and version.isdigit() else None,
                        **form.cleaned_data,
                    )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                return _done(request, _("The questionnaire was saved."), "readiness_questions", region, pillar=pillar)
        status = 409 if form.non_field_errors() else 400
    items = ReadinessItem.objects.filter(masterplan=masterplan, pillar=pillar).order_by("order", "pk")
    context = _ctx(
        request, region, masterplan, pillar=pillar, pillar_label=Pillar(pillar).label, items=items, form=form
    )
    return render(request, "planning/readiness_questions.html", context, status=status)
