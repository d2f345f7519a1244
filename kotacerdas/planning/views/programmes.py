"""Programmes in rounds II and III: the register, a new programme, a programme's plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.models import Dimension, Programme
from kotacerdas.masterplan.services import StaleEdit, programme_delete
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import MilestoneForm, NewProgrammeForm, OriginForm, QuickWinStepForm
from ..models import Milestone, QuickWinStep
from ._common import _ctx, _done, _int_or_none, _masterplan, _stale


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


def _origin_form(origin) -> OriginForm:
    return OriginForm(
        initial={
            "source": origin.source if origin else "new",
            "source_document": origin.source_document if origin else "",
            "source_reference": origin.source_reference if origin else "",
            "innovation_kind": origin.innovation_kind if origin else "",
            "version": origin.version if origin else None,
        }
    )


# Each handler of a programme-plan POST takes (request, region, programme, forms) and returns
# (response, conflict): a redirect when done, else None and the page is shown again with `forms`.


def _plan_origin(request, region, programme, forms):
    form = forms["origin_form"] = OriginForm(request.POST)
    if not form.is_valid():
        return None, None
    data = dict(form.cleaned_data)
    try:
        services.programme_origin_set(
            programme=programme, actor=request.user, expected_version=data.pop("version"), **data
        )
    except StaleEdit as exc:
        return None, _stale(form, exc)
    except ApplicationError as exc:
        add_to_form(form, exc)
        return None, None
    return _done(request, _("The origin was saved."), "programme_plan", region, pk=programme.pk), None


def _plan_add(form_name, form_class, service, message):
    """A handler adding a line (milestone, quick-win step) to the programme's plan from its form."""

    def handle(request, region, programme, forms):
        form = forms[form_name] = form_class(request.POST)
        if not form.is_valid():
            return None, None
        try:
            service(programme=programme, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
            return None, None
        return _done(request, message, "programme_plan", region, pk=programme.pk), None

    return handle


def _plan_delete_line(model, service, kwarg, message):
    """A handler removing one of the programme's lines (milestone, quick-win step) named by `item`."""

    def handle(request, region, programme, forms):
        line = get_object_or_404(model, pk=request.POST.get("item") or 0, programme=programme)
        service(**{kwarg: line}, actor=request.user)
        return _done(request, message, "programme_plan", region, pk=programme.pk), None

    return handle


def _plan_delete_programme(request, region, programme, forms):
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
        return redirect("planning:programme_plan", region_slug=region.slug, pk=programme.pk), None
    return _done(request, _("The programme was removed."), "programmes", region), None


PLAN_ACTIONS = {
    "origin": _plan_origin,
    "milestone": _plan_add(
        "milestone_form", MilestoneForm, services.milestone_add, gettext_lazy("The milestone was added.")
    ),
    "milestone_delete": _plan_delete_line(
        Milestone, services.milestone_delete, "milestone", gettext_lazy("The milestone was removed.")
    ),
    "step": _plan_add("step_form", QuickWinStepForm, services.quick_win_step_add, gettext_lazy("The step was added.")),
    "delete": _plan_delete_programme,
    "step_delete": _plan_delete_line(
        QuickWinStep, services.quick_win_step_delete, "step", gettext_lazy("The step was removed.")
    ),
}


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
    forms = {"origin_form": _origin_form(origin), "milestone_form": MilestoneForm(), "step_form": QuickWinStepForm()}
    conflict, status = None, 200
    if request.method == "POST":
        require_perm(request, "planning.change_programme_plan", programme)
        handler = PLAN_ACTIONS.get(request.POST.get("form"))
        status = 400
        if handler is None:
            messages.error(request, _("Unknown action."))
        else:
            try:
                response, conflict = handler(request, region, programme, forms)
            except ValueError as exc:
                raise Http404 from exc
            if response is not None:
                return response
            status = 409 if conflict else 400
    context = _ctx(
        request,
        region,
        masterplan,
        programme=programme,
        origin=origin,
        can_change=request.user.has_perm("planning.change_programme_plan", programme),
        can_edit_programme=request.user.has_perm("masterplan.change_programme", programme),
        milestones=programme.milestones.all(),
        steps=programme.quick_win_steps.all(),
        conflict=conflict,
        **forms,
    )
    return render(request, "planning/programme_plan.html", context, status=status)
