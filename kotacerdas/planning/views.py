"""Masterplan authoring pages (/r/<slug>/rencana/...). Thin: parse, check the rule, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.forms import conflict_rows, refresh_version
from kotacerdas.masterplan.models import Dimension, MasterplanVersion, Programme
from kotacerdas.masterplan.selectors import masterplan_current_for_region
from kotacerdas.masterplan.services import StaleEdit, masterplan_update, programme_delete
from kotacerdas.masterplan.versions import compare, freeze
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .defaults import REQUIRED_OUTPUTS
from .forms import (
    AdoptionForm,
    MilestoneForm,
    NewProgrammeForm,
    OriginForm,
    ParticipantForm,
    PillarAnalysisForm,
    QuestionForm,
    QuickWinForm,
    QuickWinStepForm,
    ReadinessScoresForm,
    RoundForm,
    StrategyForm,
    VisionForm,
)
from .models import (
    SCORE_LABELS,
    ChecklistItem,
    Milestone,
    Participant,
    Pillar,
    PillarAnalysis,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)

PILLAR_SHORT = {"struktur": "Struktur", "infrastruktur": "Infrastruktur", "suprastruktur": "Suprastruktur"}


def _masterplan(request, region, perm: str = "planning.view_workspace"):
    require_perm(request, perm, region)
    masterplan = masterplan_current_for_region(region=region)
    if masterplan is None:
        raise Http404
    return masterplan


def _ctx(request, region, masterplan, **extra) -> dict:
    user = request.user
    return {
        "region": region,
        "masterplan": masterplan,
        "adopted": masterplan.status == "adopted",
        "can_manage": user.has_perm("planning.manage", region),
        "can_adopt": user.has_perm("planning.adopt", region),
        "can_edit_questions": user.has_perm("planning.edit_questionnaire", region),
        **extra,
    }


def _done(request, message, name, region, **kwargs):
    messages.success(request, message)
    return redirect(f"planning:{name}", region_slug=region.slug, **kwargs)


def _int_or_none(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _stale(form, exc: StaleEdit) -> dict:
    """Show a refused stale save on the form: the message, your values vs current, and the current version."""
    form.add_error(None, exc.message)
    rows = conflict_rows(form, exc.current) if hasattr(form, "cleaned_data") else []
    refresh_version(form, exc.current)
    return {"exc": exc, "rows": rows}


# --- Workspace and rounds ---------------------------------------------------------------------------------


@login_required
@with_region
def workspace(request, *, region):
    masterplan = _masterplan(request, region)
    rounds = selectors.rounds_for(masterplan=masterplan)
    readiness = selectors.readiness_summary(masterplan=masterplan) if rounds else []
    context = _ctx(
        request,
        region,
        masterplan,
        rounds=rounds,
        readiness=readiness,
        pillar_rows=[(PILLAR_SHORT[p["pillar"]], p["average"], p["pillar"]) for p in readiness],
        origins=selectors.origin_counts(masterplan=masterplan),
        strategy_count=Strategy.objects.filter(masterplan=masterplan).count(),
        quick_win_count=Programme.objects.filter(masterplan=masterplan, is_quick_win=True).count(),
        blockers=services.adoption_blockers(masterplan=masterplan) if masterplan.status == "draft" else [],
        versions=list(selectors.versions_for(masterplan=masterplan)[:5]),
        outputs=REQUIRED_OUTPUTS,
    )
    return render(request, "planning/workspace.html", context)


@login_required
@require_POST
@with_region
def start(request, *, region):
    masterplan = _masterplan(request, region, "planning.manage")
    services.planning_start(masterplan=masterplan, actor=request.user)
    return _done(request, _("The four rounds are ready."), "workspace", region)


def _round(masterplan, number) -> Round:
    try:
        return selectors.round_detail(masterplan=masterplan, number=number)
    except Round.DoesNotExist as exc:
        raise Http404 from exc


def _render_round(request, region, masterplan, rnd, *, round_form=None, participant_form=None, conflict=None):
    round_form = round_form or RoundForm(
        initial={
            "held_on": rnd.held_on,
            "held_until": rnd.held_until,
            "venue": rnd.venue,
            "notes": rnd.notes,
            "version": rnd.version,
        }
    )
    participant_form = participant_form or ParticipantForm(region=region)
    invalid = round_form.is_bound or participant_form.is_bound
    context = _ctx(
        request,
        region,
        masterplan,
        round=rnd,
        round_form=round_form,
        participant_form=participant_form,
        conflict=conflict,
        required_outputs=REQUIRED_OUTPUTS[rnd.number],
        facts=selectors.round_facts(masterplan=masterplan, number=rnd.number),
        participants=list(rnd.participants.all()),
        checklist=list(rnd.checklist.all()),
    )
    return render(request, "planning/round.html", context, status=(409 if conflict else 400) if invalid else 200)


@login_required
@with_region
def round_detail(request, *, region, number):
    masterplan = _masterplan(request, region)
    rnd = _round(masterplan, number)
    if request.method != "POST":
        return _render_round(request, region, masterplan, rnd)
    require_perm(request, "planning.manage", region)
    form = RoundForm(request.POST)
    conflict = None
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.round_update(round=rnd, actor=request.user, expected_version=form.cleaned_data["version"], **data)
        except StaleEdit as exc:
            conflict = _stale(form, exc)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            return _done(request, _("The round was saved."), "round", region, number=number)
    return _render_round(request, region, masterplan, rnd, round_form=form, conflict=conflict)


@login_required
@require_POST
@with_region
def participant_add(request, *, region, number):
    masterplan = _masterplan(request, region, "planning.manage")
    rnd = _round(masterplan, number)
    form = ParticipantForm(request.POST, region=region)
    if form.is_valid():
        try:
            services.participant_add(round=rnd, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            return _done(request, _("The participant was added."), "round", region, number=number)
    return _render_round(request, region, masterplan, rnd, participant_form=form)


@login_required
@require_POST
@with_region
def participant_delete(request, *, region, number, pk):
    masterplan = _masterplan(request, region, "planning.manage")
    rnd = _round(masterplan, number)
    participant = get_object_or_404(Participant, pk=pk, round=rnd, region=region)
    services.participant_delete(participant=participant, actor=request.user)
    return _done(request, _("The participant was removed."), "round", region, number=number)


@login_required
@require_POST
@with_region
def checklist_toggle(request, *, region, number, pk):
    masterplan = _masterplan(request, region, "planning.manage")
    rnd = _round(masterplan, number)
    item = get_object_or_404(ChecklistItem, pk=pk, round=rnd, region=region)
    try:
        services.checklist_item_set(item=item, actor=request.user, done=request.POST.get("done") == "1")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("planning:round", region_slug=region.slug, number=number)


@login_required
@require_POST
@with_region
def round_complete(request, *, region, number):
    masterplan = _masterplan(request, region, "planning.manage")
    rnd = _round(masterplan, number)
    try:
        if request.POST.get("action") == "reopen":
            services.round_reopen(round=rnd, actor=request.user)
            messages.success(request, _("The round is open again."))
        else:
            services.round_complete(round=rnd, actor=request.user)
            messages.success(request, _("The round is marked complete."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("planning:round", region_slug=region.slug, number=number)


# --- Round I: readiness -----------------------------------------------------------------------------------


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


# --- Round II: vision, strategies --------------------------------------------------------------------------


@login_required
@with_region
def vision(request, *, region):
    masterplan = _masterplan(request, region)
    adopted = masterplan.status == "adopted"
    fields = [f for f in VisionForm.base_fields if f not in ("version", "reason")]
    form = VisionForm(
        initial={**{f: getattr(masterplan, f) for f in fields}, "version": masterplan.version}, adopted=adopted
    )
    conflict, status = None, 200
    if request.method == "POST":
        require_perm(request, "planning.manage", region)
        form = VisionForm(request.POST, adopted=adopted)
        status = 400
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in fields}
            try:
                masterplan_update(
                    actor=request.user,
                    masterplan=masterplan,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data.get("reason", ""),
                    **data,
                )
            except StaleEdit as exc:
                conflict, status = _stale(form, exc), 409
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                return _done(request, _("The vision, missions and objectives were saved."), "vision", region)
    return render(
        request, "planning/vision.html", _ctx(request, region, masterplan, form=form, conflict=conflict), status=status
    )


@login_required
@with_region
def strategies(request, *, region):
    masterplan = _masterplan(request, region)
    form = StrategyForm(region=region)
    status = 200
    if request.method == "POST":
        require_perm(request, "planning.manage", region)
        form = StrategyForm(request.POST, region=region)
        status = 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.strategy_create(masterplan=masterplan, actor=request.user, **data)
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                return _done(request, _("The strategy was added."), "strategies", region)
    groups = selectors.strategies_by_dimension(masterplan=masterplan)
    return render(
        request, "planning/strategies.html", _ctx(request, region, masterplan, groups=groups, form=form), status=status
    )


@login_required
@with_region
def strategy_edit(request, *, region, pk):
    masterplan = _masterplan(request, region, "planning.manage")
    strategy = get_object_or_404(Strategy, pk=pk, masterplan=masterplan, region=region)
    form = StrategyForm(
        initial={
            "dimension": strategy.dimension_id,
            "element": strategy.element_id,
            "text": strategy.text,
            "text_en": strategy.text_en,
            "version": strategy.version,
        },
        region=region,
    )
    conflict, status = None, 200
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.strategy_delete(strategy=strategy, actor=request.user)
            return _done(request, _("The strategy was removed."), "strategies", region)
        form = StrategyForm(request.POST, region=region)
        status = 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.strategy_update(
                    strategy=strategy, actor=request.user, expected_version=form.cleaned_data["version"], **data
                )
            except StaleEdit as exc:
                conflict, status = _stale(form, exc), 409
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                return _done(request, _("The strategy was saved."), "strategies", region)
    return render(
        request,
        "planning/strategy_edit.html",
        _ctx(request, region, masterplan, strategy=strategy, form=form, conflict=conflict),
        status=status,
    )


# --- Programmes (rounds II and III) ------------------------------------------------------------------------


@login_required
@with_region
def programmes(request, *, region):
    masterplan = _masterplan(request, region)
    dimensions = list(Dimension.objects.filter(region=region))
    dimension = next((d for d in dimensions if d.key == request.GET.get("dimensi")), None)
    page = Paginator(selectors.programme_register(masterplan=masterplan, dimension=dimension), 50).get_page(
        request.GET.get("halaman")
    )
    context = _ctx(
        request,
        region,
        masterplan,
        page=page,
        dimensions=dimensions,
        dimension=dimension,
        origins=selectors.origin_counts(masterplan=masterplan),
    )
    return render(request, "planning/programmes.html", context)


@login_required
@with_region
def programme_new(request, *, region):
    masterplan = _masterplan(request, region, "planning.manage")
    form = NewProgrammeForm(request.POST or None, masterplan=masterplan, initial={"source": request.GET.get("asal")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        supporting = list(data.pop("supporting_agencies"))
        data.pop("version", None)
        try:
            programme = services.programme_plan_create(
                masterplan=masterplan, actor=request.user, supporting_agencies=supporting, **data
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            return _done(request, _("The programme was added."), "programme_plan", region, pk=programme.pk)
    return render(
        request,
        "planning/programme_new.html",
        _ctx(request, region, masterplan, form=form),
        status=400 if request.method == "POST" else 200,
    )


@login_required
@with_region
def programme_plan(request, *, region, pk):
    masterplan = _masterplan(request, region)
    programme = get_object_or_404(
        Programme.objects.select_related("dimension", "element", "owner_agency", "masterplan"),
        pk=pk,
        masterplan=masterplan,
        region=region,
    )
    origin = getattr(programme, "origin", None)
    can_change = request.user.has_perm("planning.change_programme_plan", programme)
    origin_form = OriginForm(
        initial={
            "source": origin.source if origin else "new",
            "source_document": origin.source_document if origin else "",
            "source_reference": origin.source_reference if origin else "",
            "innovation_kind": origin.innovation_kind if origin else "",
            "version": origin.version if origin else None,
        }
    )
    milestone_form = MilestoneForm()
    step_form = QuickWinStepForm()
    conflict, status = None, 200
    if request.method == "POST":
        require_perm(request, "planning.change_programme_plan", programme)
        kind = request.POST.get("form")
        status = 400
        try:
            if kind == "origin":
                origin_form = OriginForm(request.POST)
                if origin_form.is_valid():
                    data = dict(origin_form.cleaned_data)
                    try:
                        services.programme_origin_set(
                            programme=programme, actor=request.user, expected_version=data.pop("version"), **data
                        )
                    except StaleEdit as exc:
                        conflict, status = _stale(origin_form, exc), 409
                    except ApplicationError as exc:
                        add_to_form(origin_form, exc)
                    else:
                        return _done(request, _("The origin was saved."), "programme_plan", region, pk=pk)
            elif kind == "milestone":
                milestone_form = MilestoneForm(request.POST)
                if milestone_form.is_valid():
                    try:
                        services.milestone_add(programme=programme, actor=request.user, **milestone_form.cleaned_data)
                    except ApplicationError as exc:
                        add_to_form(milestone_form, exc)
                    else:
                        return _done(request, _("The milestone was added."), "programme_plan", region, pk=pk)
            elif kind == "milestone_delete":
                milestone = get_object_or_404(Milestone, pk=request.POST.get("item") or 0, programme=programme)
                services.milestone_delete(milestone=milestone, actor=request.user)
                return _done(request, _("The milestone was removed."), "programme_plan", region, pk=pk)
            elif kind == "step":
                step_form = QuickWinStepForm(request.POST)
                if step_form.is_valid():
                    try:
                        services.quick_win_step_add(programme=programme, actor=request.user, **step_form.cleaned_data)
                    except ApplicationError as exc:
                        add_to_form(step_form, exc)
                    else:
                        return _done(request, _("The step was added."), "programme_plan", region, pk=pk)
            elif kind == "delete":
                require_perm(request, "planning.manage", region)
                try:
                    programme_delete(
                        actor=request.user,
                        programme=programme,
                        reason=request.POST.get("reason", "")[:2000],
                        expected_version=_int_or_none(request.POST.get("version")),
                    )
                except ApplicationError as exc:
                    messages.error(request, exc.message)
                    return redirect("planning:programme_plan", region_slug=region.slug, pk=pk)
                return _done(request, _("The programme was removed."), "programmes", region)
            elif kind == "step_delete":
                step = get_object_or_404(QuickWinStep, pk=request.POST.get("item") or 0, programme=programme)
                services.quick_win_step_delete(step=step, actor=request.user)
                return _done(request, _("The step was removed."), "programme_plan", region, pk=pk)
            else:
                messages.error(request, _("Unknown action."))
        except ValueError as exc:
            raise Http404 from exc
    context = _ctx(
        request,
        region,
        masterplan,
        programme=programme,
        origin=origin,
        can_change=can_change,
        can_edit_programme=request.user.has_perm("masterplan.change_programme", programme),
        origin_form=origin_form,
        milestone_form=milestone_form,
        step_form=step_form,
        milestones=programme.milestones.all(),
        steps=programme.quick_win_steps.all(),
        conflict=conflict,
    )
    return render(request, "planning/programme_plan.html", context, status=status)


# --- Round III: roadmap -----------------------------------------------------------------------------------


@login_required
@with_region
def roadmap(request, *, region):
    masterplan = _masterplan(request, region)
    groups = selectors.roadmap(masterplan=masterplan)
    return render(
        request,
        "planning/roadmap.html",
        _ctx(request, region, masterplan, groups=groups, years=list(masterplan.years)),
    )


# --- Round IV: quick wins, adoption, revisions ------------------------------------------------------------


@login_required
@with_region
def quick_wins(request, *, region):
    masterplan = _masterplan(request, region)
    years = services.quick_win_years(masterplan)
    # Candidates: programmes that can start in the quick-win years, and the quick wins already chosen.
    candidates = list(
        selectors.programme_register(masterplan=masterplan).filter(Q(is_quick_win=True) | Q(start_year__lte=years[-1]))
    )
    errors, status = {}, 200
    if request.method == "POST":
        require_perm(request, "planning.manage", region)
        programme = get_object_or_404(Programme, pk=request.POST.get("programme") or 0, masterplan=masterplan)
        form = QuickWinForm(request.POST, masterplan=masterplan)
        status = 400
        if form.is_valid():
            try:
                services.quick_win_select(
                    programme=programme,
                    actor=request.user,
                    selected=form.cleaned_data["selected"],
                    year=form.cleaned_data["quick_win_year"],
                    reason=form.cleaned_data.get("reason", ""),
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEdit as exc:
                errors[programme.pk], status = [exc.message], 409
            except ApplicationError as exc:
                errors[programme.pk] = [str(m) for ms in exc.fields.values() for m in ms] or [exc.message]
            else:
                return _done(request, _("The quick-win selection was saved."), "quick_wins", region)
        else:
            errors[programme.pk] = [str(m) for ms in form.errors.values() for m in ms]
    rows = [
        {
            "programme": p,
            "form": QuickWinForm(
                initial={"selected": p.is_quick_win, "quick_win_year": p.quick_win_year, "version": p.version},
                masterplan=masterplan,
                auto_id=f"qw{p.pk}_%s",
            ),
            "errors": errors.get(p.pk, []),
        }
        for p in candidates
    ]
    return render(
        request,
        "planning/quick_wins.html",
        _ctx(request, region, masterplan, rows=rows, years=years),
        status=status,
    )


@login_required
@with_region
def adopt(request, *, region):
    masterplan = _masterplan(request, region)
    form = AdoptionForm()
    status = 200
    if request.method == "POST":
        require_perm(request, "planning.adopt", region)
        form = AdoptionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.masterplan_adopt(masterplan=masterplan, actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                return _done(request, _("The masterplan is adopted."), "workspace", region)
    blockers = services.adoption_blockers(masterplan=masterplan) if masterplan.status == "draft" else []
    return render(
        request, "planning/adopt.html", _ctx(request, region, masterplan, form=form, blockers=blockers), status=status
    )


@login_required
@with_region
def revisions(request, *, region):
    masterplan = _masterplan(request, region)
    versions = list(selectors.versions_for(masterplan=masterplan))
    return render(request, "planning/revisions.html", _ctx(request, region, masterplan, versions=versions))


@login_required
@with_region
def revision_diff(request, *, region, number):
    """Revision `number` compared with the adopted version; number 0 compares the current state."""
    masterplan = _masterplan(request, region)
    adopted = MasterplanVersion.objects.filter(masterplan=masterplan, number=0).first()
    if adopted is None:
        raise Http404
    if number == 0:
        revision, data = None, freeze(masterplan)
    else:
        revision = get_object_or_404(MasterplanVersion, masterplan=masterplan, number=number)
        data = revision.data
    diff = compare(adopted.data, data)
    return render(
        request,
        "planning/revision_diff.html",
        _ctx(request, region, masterplan, adopted_version=adopted, revision=revision, diff=diff),
    )
