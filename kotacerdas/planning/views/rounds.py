"""The workspace and the four Bimtek rounds: dates, attendance, checklists, completion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import serve_staff_cached
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.models import Programme
from kotacerdas.masterplan.services import StaleEdit
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..defaults import REQUIRED_OUTPUTS
from ..forms import ParticipantForm, RoundForm
from ..models import ChecklistItem, Participant, Round, Strategy
from ._common import _ctx, _done, _masterplan, _stale

PILLAR_SHORT = {"struktur": "Struktur", "infrastruktur": "Infrastruktur", "suprastruktur": "Suprastruktur"}


@login_required
@with_region
def workspace(request, *, region):
    """The authoring workspace. Its body is the same for everyone with the same planning rights (its one form,
    starting the rounds, carries no values of the person's; its CSRF token is spliced in per person), so it is
    cached under the region's version, which every audited planning change bumps (issue 18)."""
    masterplan = _masterplan(request, region)
    rights = ("planning.manage", "planning.adopt", "planning.edit_questionnaire")
    seen_as = "".join("1" if request.user.has_perm(r, region) else "0" for r in rights)
    return serve_staff_cached(
        request,
        lambda: _workspace(request, region, masterplan),
        region_slug=region.slug,
        variant=f"planning-workspace:{masterplan.pk}:{seen_as}:{request.get_full_path()}",
    )


def _workspace(request, region, masterplan):
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
