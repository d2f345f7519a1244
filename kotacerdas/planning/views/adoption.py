"""Round IV: quick-win selection, adoption, and revisions compared with the adopted version."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.models import MasterplanVersion, Programme
from kotacerdas.masterplan.services import StaleEdit
from kotacerdas.masterplan.versions import compare, freeze
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import AdoptionForm, QuickWinForm
from ._common import _ctx, _done, _masterplan


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
