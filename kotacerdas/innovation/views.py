"""Innovation pages. Thin: parse, check the rule, call a service or selector, render.

Public pages (/r/<region>/inovasi/) list the innovations at trial or applied; staff pages live under
/r/<region>/inovasi/staf/. Every object is looked up through the URL's region.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import public_page, region_cache_version
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.files import private_file_response
from kotacerdas.ideas.selectors import idea_for_promotion
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Agency

from . import selectors, services
from .forms import AdvanceForm, EvidenceForm, InnovationForm, ReplicationForm
from .models import Innovation, InnovationEvidence, Replication


def _detail_or_404(region, pk, *, public_only=False) -> Innovation:
    try:
        return selectors.innovation_detail(region=region, pk=pk, public_only=public_only)
    except Innovation.DoesNotExist:
        raise Http404 from None


def _filters(request, region) -> dict:
    stage = request.GET.get("tahap", "")
    if stage not in Innovation.Stage.values:
        stage = ""
    dimension = request.GET.get("dimensi", "")
    agency = request.GET.get("pd", "")
    return {"stage": stage, "dimension_key": dimension[:30], "agency_id": int(agency) if agency.isdigit() else None}


# --- public ---------------------------------------------------------------------------------------------


@public_page
@with_region
def public_list(request, *, region):
    filters = _filters(request, region)
    if filters["stage"] not in ("", *Innovation.PUBLIC_STAGES):
        filters["stage"] = ""
    return render(
        request,
        "innovation/public_list.html",
        {
            "region": region,
            "innovations": selectors.innovation_list(region=region, public_only=True, **filters),
            "counts": selectors.public_counts(region=region),
            "stage": filters["stage"],
            "public_stages": [(s, Innovation.Stage(s).label) for s in Innovation.PUBLIC_STAGES],
        },
    )


@public_page
@with_region
def public_detail(request, *, region, pk):
    innovation = _detail_or_404(region, pk, public_only=True)
    return render(request, "innovation/public_detail.html", {"region": region, "innovation": innovation})


@with_region
def evidence_file(request, *, region, pk, evidence_pk):
    """Evidence is private unless marked public on a public innovation; otherwise staff of the region only."""
    evidence = get_object_or_404(
        InnovationEvidence.objects.select_related("innovation"), region=region, innovation_id=pk, pk=evidence_pk
    )
    public = evidence.is_public and evidence.innovation.is_public
    if not public and not request.user.has_perm("innovation.view_internal", region):
        raise Http404
    return private_file_response(evidence.file, content_type=evidence.content_type)


# --- staff ----------------------------------------------------------------------------------------------


@login_required
@with_region
def staff_list(request, *, region):
    require_perm(request, "innovation.view_internal", region)
    filters = _filters(request, region)
    return render(
        request,
        "innovation/list.html",
        {
            "region": region,
            "innovations": selectors.innovation_list(region=region, **filters),
            "filters": filters,
            "stages": Innovation.Stage.choices,
            "dimensions": Dimension.objects.filter(region=region).order_by("order"),
            "agencies": Agency.objects.filter(region=region).order_by("acronym"),
            "can_add": request.user.has_perm("innovation.add_innovation", region),
            "ideas": selectors.ideas_to_promote(region=region)
            if request.user.has_perm("innovation.promote_idea", region)
            else [],
        },
    )


@login_required
@with_region
def overview(request, *, region):
    require_perm(request, "innovation.view_internal", region)
    # The same for every staff member: the template caches it under the region's version (every audited
    # change of an innovation or its evidence bumps it); the counts are only read on a miss.
    return render(
        request,
        "innovation/overview.html",
        {
            "region": region,
            "data": SimpleLazyObject(lambda: selectors.overview(region=region)),
            "reference": selectors.REFERENCE_POINTS,
            "cache_version": region_cache_version(region.slug),
        },
    )


def _idea_for(request, region):
    raw = request.GET.get("ide") or request.POST.get("source_idea") or ""
    if not raw.isdigit():
        return None
    require_perm(request, "innovation.promote_idea", region)
    idea = idea_for_promotion(region=region, pk=int(raw))
    if idea is None:
        raise Http404
    return idea


@login_required
@with_region
def create(request, *, region):
    require_perm(request, "innovation.add_innovation", region)
    idea = _idea_for(request, region)
    initial = {}
    if idea is not None:
        initial = {
            "title": idea.title,
            "description": idea.description,
            "dimension": idea.dimension_id,
            "programme": getattr(idea, "programme_id", None),
            # The author's name is personal data (UU PDP): not copied; staff may add it with consent.
            "initiator_type": Innovation.Initiator.CITIZEN,
        }
    form = InnovationForm(request.POST or None, region=region, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            innovation = services.innovation_create(
                actor=request.user, region=region, source_idea=idea, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The innovation was registered."))
            return redirect("innovation:detail", region_slug=region.slug, pk=innovation.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "innovation/form.html", {"region": region, "form": form, "idea": idea}, status=status)


@login_required
@with_region
def edit(request, *, region, pk):
    innovation = get_object_or_404(Innovation, region=region, pk=pk)
    require_perm(request, "innovation.change_innovation", innovation)
    form = InnovationForm(request.POST or None, region=region, user=request.user, instance=innovation)
    if request.method == "POST" and form.is_valid():
        try:
            services.innovation_update(actor=request.user, innovation=innovation, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The innovation was saved."))
            return redirect("innovation:detail", region_slug=region.slug, pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"region": region, "form": form, "innovation": innovation}
    return render(request, "innovation/form.html", context, status=status)


def _detail_page(request, region, innovation, *, status=200, **forms):
    can_change = request.user.has_perm("innovation.change_innovation", innovation)
    nxt = innovation.next_stage
    if can_change:
        forms.setdefault("evidence_form", EvidenceForm(initial={"stage": nxt or innovation.stage}))
        forms.setdefault("advance_form", AdvanceForm(initial={"to_stage": nxt}) if nxt else None)
        forms.setdefault("replication_form", ReplicationForm(region=region))
    return render(
        request,
        "innovation/detail.html",
        {
            "region": region,
            "innovation": innovation,
            "can_change": can_change,
            "next_stage_label": Innovation.Stage(nxt).label if nxt else "",
            "history_url": reverse("audit:region_log", kwargs={"region_slug": region.slug})
            + f"?type=innovation.innovation&id={innovation.pk}"
            if request.user.has_perm("regions.view_audit", region)
            else "",
            **forms,
        },
        status=status,
    )


@login_required
@with_region
def detail(request, *, region, pk):
    innovation = _detail_or_404(region, pk)
    require_perm(request, "innovation.view_internal", region)
    return _detail_page(request, region, innovation)


@login_required
@require_POST
@with_region
def advance(request, *, region, pk):
    innovation = get_object_or_404(Innovation, region=region, pk=pk)
    require_perm(request, "innovation.change_innovation", innovation)
    form = AdvanceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.innovation_advance(
                actor=request.user,
                innovation=innovation,
                to_stage=form.cleaned_data["to_stage"],
                on=form.cleaned_data["on"],
                decree_number=form.cleaned_data["decree_number"],
                evidence=form.evidence(),
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The innovation moved to the next stage."))
            return redirect("innovation:detail", region_slug=region.slug, pk=pk)
    return _detail_page(request, region, _detail_or_404(region, pk), status=400, advance_form=form)


@login_required
@require_POST
@with_region
def evidence_add(request, *, region, pk):
    innovation = get_object_or_404(Innovation, region=region, pk=pk)
    require_perm(request, "innovation.change_innovation", innovation)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, innovation=innovation, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect("innovation:detail", region_slug=region.slug, pk=pk)
    return _detail_page(request, region, _detail_or_404(region, pk), status=400, evidence_form=form)


@login_required
@require_POST
@with_region
def evidence_remove(request, *, region, pk, evidence_pk):
    evidence = get_object_or_404(InnovationEvidence, region=region, innovation_id=pk, pk=evidence_pk)
    require_perm(request, "innovation.change_innovation", evidence.innovation)
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The evidence was removed."))
    return redirect("innovation:detail", region_slug=region.slug, pk=pk)


@login_required
@require_POST
@with_region
def replication_add(request, *, region, pk):
    innovation = get_object_or_404(Innovation, region=region, pk=pk)
    require_perm(request, "innovation.change_innovation", innovation)
    form = ReplicationForm(request.POST, region=region)
    if form.is_valid():
        try:
            services.replication_add(actor=request.user, innovation=innovation, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The replication was recorded."))
            return redirect("innovation:detail", region_slug=region.slug, pk=pk)
    return _detail_page(request, region, _detail_or_404(region, pk), status=400, replication_form=form)


@login_required
@require_POST
@with_region
def replication_remove(request, *, region, pk, replication_pk):
    replication = get_object_or_404(
        Replication.objects.select_related("innovation"), region=region, innovation_id=pk, pk=replication_pk
    )
    require_perm(request, "innovation.change_innovation", replication.innovation)
    services.replication_remove(actor=request.user, replication=replication)
    messages.success(request, _("The replication was removed."))
    return redirect("innovation:detail", region_slug=region.slug, pk=pk)
