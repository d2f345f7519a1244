"""Round II: vision, missions and objectives; strategies per dimension."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.services import StaleEdit, masterplan_update
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import StrategyForm, VisionForm
from ..models import Strategy
from ._common import _ctx, _done, _masterplan, _stale


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
