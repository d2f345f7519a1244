"""National evaluator pages, mounted at /evaluasi/: frameworks, opening rounds, the ranking, the portfolio."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import any_region_cache_version
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm
from kotacerdas.regions.models import Region

from . import selectors, services
from .forms import FrameworkCreateForm, FrameworkForm, ItemForm, RoundCreateForm
from .models import Framework, Item
from .selectors import portfolio as portfolio_selectors


def _framework(pk) -> Framework:
    try:
        return selectors.framework_detail(pk=pk)
    except Framework.DoesNotExist:
        raise Http404 from None


@login_required
def home(request):
    require_perm(request, "evaluation.manage_frameworks")
    return render(
        request,
        "evaluation/national_home.html",
        {"frameworks": selectors.framework_list(), "rounds": selectors.rounds_all()[:200]},
    )


@login_required
def framework_create(request):
    require_perm(request, "evaluation.manage_frameworks")
    latest = Framework.objects.order_by("-year").first()
    initial = {"year": latest.year + 1, "copy_from": latest} if latest else {}
    form = FrameworkCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The framework was created. Check its weights and items."))
            return redirect("evaluation_national:framework", pk=framework.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/framework_create.html", {"form": form}, status=status)


@login_required
def framework_detail(request, pk):
    require_perm(request, "evaluation.manage_frameworks")
    framework = _framework(pk)
    locked = services.framework_is_locked(framework)
    initial = {"scale_min": framework.scale_min, "scale_max": framework.scale_max, "note": framework.note}
    form = FrameworkForm(request.POST or None, framework=framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_update(
                actor=request.user,
                framework=framework,
                scale_min=form.cleaned_data["scale_min"],
                scale_max=form.cleaned_data["scale_max"],
                note=form.cleaned_data["note"],
                weights=form.weights(),
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The framework was saved."))
            return redirect("evaluation_national:framework", pk=framework.pk)
    items_by_dim: dict[int, list] = {}
    for item in framework.items.all():
        items_by_dim.setdefault(item.dimension_id, []).append(item)
    sections = [
        {
            "dimension": d,
            "items": items_by_dim.get(d.pk, []),
            "total": sum(i.weight for i in items_by_dim.get(d.pk, [])),
        }
        for d in framework.dimensions.all()
    ]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "evaluation/framework.html",
        {
            "framework": framework,
            "form": form,
            "sections": sections,
            "locked": locked,
            "problems": services.framework_problems(framework),
        },
        status=status,
    )


def _item_initial(item: Item) -> dict:
    return {f: getattr(item, f) for f in services.ITEM_FIELDS}


@login_required
def item_edit(request, pk, item_pk=None):
    require_perm(request, "evaluation.manage_frameworks")
    framework = get_object_or_404(Framework, pk=pk)
    item = get_object_or_404(Item, framework=framework, pk=item_pk) if item_pk else None
    form = ItemForm(request.POST or None, framework=framework, initial=_item_initial(item) if item else {})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "source": form.cleaned_data["source"] or ""}
        try:
            if item is None:
                services.item_create(actor=request.user, framework=framework, **data)
            else:
                services.item_update(actor=request.user, item=item, **data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("evaluation_national:framework", pk=framework.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "evaluation/item_form.html", {"framework": framework, "item": item, "form": form}, status=status
    )


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    require_perm(request, "evaluation.manage_frameworks")
    item = get_object_or_404(Item, framework_id=pk, pk=item_pk)
    try:
        services.item_delete(actor=request.user, item=item)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The item was removed."))
    return redirect("evaluation_national:framework", pk=pk)


@login_required
def round_create(request):
    require_perm(request, "evaluation.manage_rounds")
    form = RoundCreateForm(request.POST or None, initial={"assessors": [request.user]})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The round was opened; the region can now complete its self-assessment."))
            return redirect("evaluation:round", region_slug=round_.region.slug, pk=round_.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluation/round_create.html", {"form": form}, status=status)


@login_required
def ranking(request):
    require_perm(request, "evaluation.view_ranking")
    years = selectors.ranking_years()
    try:
        year = int(request.GET.get("tahun") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    return render(
        request,
        "evaluation/ranking.html",
        {"years": years, "year": year, "rows": selectors.ranking(year=year) if year else []},
    )


@login_required
def portfolio(request):
    """Late reporting, rounds waiting for the assessors, quiet regions; with ?wilayah=<slug>, that region
    beside its province and cohort peers per evaluation dimension."""
    require_perm(request, "evaluation.view_portfolio")
    today = timezone.localdate()
    wanted = request.GET.get("wilayah", "")[:100]
    # The same for every evaluator: the template caches the body under the version every region's audited
    # change bumps (a report, a round, an audit event of any region), today's date (what is late, who has
    # been quiet) and the region asked for, so the parts below are only read after a change or a new day.
    return render(
        request,
        "evaluation/portfolio.html",
        {
            "data": SimpleLazyObject(lambda: _portfolio(today=today, wanted=wanted)),
            "inactive_days": portfolio_selectors.INACTIVE_DAYS,
            "cache_version": any_region_cache_version(),
            "today": today.isoformat(),
            "wanted": wanted,
        },
    )


def _portfolio(*, today, wanted: str) -> dict:
    regions = list(
        Region.objects.filter(is_active=True).only("pk", "name", "kind", "slug", "province").order_by("name")
    )
    chosen = next((r for r in regions if r.slug == wanted), None)
    return {
        "late": portfolio_selectors.late_reporting(today=today),
        "waiting": portfolio_selectors.rounds_waiting(),
        "inactive": portfolio_selectors.inactive_regions(today=today),
        "regions": regions,
        "chosen": chosen,
        "peers": portfolio_selectors.peers(region=chosen) if chosen else None,
    }
